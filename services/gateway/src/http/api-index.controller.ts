import { Controller, Get, Injectable, Param } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemException, PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from './problem';

export interface RouteEntry {
  method: string;
  path: string;
  summary: string;
  authenticated: boolean;
}

/** The routes of the OpenAPI document, filled in once the document is built at start-up. */
@Injectable()
export class RouteCatalog {
  routes: RouteEntry[] = [];

  load(document: OpenAPIObject): void {
    this.routes = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => {
        const operation = item[method];
        if (!operation) return [];
        return [
          {
            method: method.toUpperCase(),
            path,
            summary: operation.summary ?? '',
            authenticated: (operation.security?.length ?? 0) > 0,
          },
        ];
      }),
    );
  }
}

@ApiTags('ops')
@Controller()
export class ApiIndexController {
  constructor(private readonly catalog: RouteCatalog) {}

  @Get('v1')
  @ApiOperation({ summary: 'Every route of this API; the full description is at /docs-json' })
  index(): { docs: string; openapi: string; routes: RouteEntry[] } {
    return { docs: '/docs', openapi: '/docs-json', routes: this.catalog.routes };
  }

  @Get('problems/:slug')
  @ApiExcludeEndpoint()
  problem(@Param('slug') slug: string) {
    if (!Object.hasOwn(PROBLEM_TYPES, slug)) {
      throw new ProblemException('not-found', `no problem type ${slug}`);
    }
    const { status, title, description } = PROBLEM_TYPES[slug as ProblemSlug];
    return { type: problemTypeUri(slug as ProblemSlug), status, title, description };
  }
}
