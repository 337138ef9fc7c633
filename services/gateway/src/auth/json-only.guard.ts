import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ProblemException } from '../http/problem';

/**
 * Credentials travel as JSON only: a form (urlencoded or multipart) posted cross-site by a
 * browser, or by a script that guessed, is refused before anything reads it.
 */
@Injectable()
export class JsonOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const type = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
      'content-type'
    ];
    if (
      type === undefined ||
      (typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type))
    )
      return true;
    throw new ProblemException(
      'unsupported-media-type',
      'this route takes JSON only: send Content-Type: application/json',
    );
  }
}
