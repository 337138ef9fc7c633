import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import {
  CORRECT_READING,
  openServiceMessage,
  RECORD_READINGS,
  type CorrectReadingReply,
  type RecordReadingsReply,
  type RpcFailure,
} from '@tributary/contracts';
import { ReadingsFailure, ReadingsService } from './readings.service';

/** DI token of the credential every RPC message must carry (SERVICE_CREDENTIAL). */
export const SERVICE_CREDENTIAL = Symbol('SERVICE_CREDENTIAL');

@Controller()
export class ReadingsController {
  private readonly log = new Logger(ReadingsController.name);

  constructor(
    private readonly readings: ReadingsService,
    @Inject(SERVICE_CREDENTIAL) private readonly credential: string,
  ) {}

  @MessagePattern(RECORD_READINGS)
  record(@Payload() message: unknown): Promise<RecordReadingsReply> {
    return this.reply(message, (command) => this.readings.record(command));
  }

  @MessagePattern(CORRECT_READING)
  correct(@Payload() message: unknown): Promise<CorrectReadingReply> {
    return this.reply(message, (command) => this.readings.correct(command));
  }

  private async reply<T>(message: unknown, work: (command: unknown) => Promise<T>): Promise<T> {
    const command = openServiceMessage(this.credential, message);
    if (command === undefined) {
      // Whoever reached the port without the credential learns nothing and records nothing.
      this.log.warn('RPC message without the service credential refused');
      const failure: RpcFailure = {
        code: 'RPC.UNAUTHENTICATED',
        message: 'the message does not carry the service credential',
      };
      throw new RpcException(failure);
    }
    try {
      return await work(command);
    } catch (error) {
      // Only the contract's failure shape crosses the wire; anything else is an internal error.
      if (error instanceof ReadingsFailure) throw new RpcException(error.failure);
      this.log.error(error);
      const failure: RpcFailure = { code: 'INTERNAL', message: 'sensor-ingest failed' };
      throw new RpcException(failure);
    }
  }
}
