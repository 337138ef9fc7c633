import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import {
  CORRECT_READING,
  RECORD_READINGS,
  type CorrectReadingReply,
  type RecordReadingsReply,
  type RpcFailure,
} from '@tributary/contracts';
import { ReadingsFailure, ReadingsService } from './readings.service';

@Controller()
export class ReadingsController {
  private readonly log = new Logger(ReadingsController.name);

  constructor(private readonly readings: ReadingsService) {}

  @MessagePattern(RECORD_READINGS)
  record(@Payload() payload: unknown): Promise<RecordReadingsReply> {
    return this.reply(() => this.readings.record(payload));
  }

  @MessagePattern(CORRECT_READING)
  correct(@Payload() payload: unknown): Promise<CorrectReadingReply> {
    return this.reply(() => this.readings.correct(payload));
  }

  private async reply<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // Only the contract's failure shape crosses the wire; anything else is an internal error.
      if (error instanceof ReadingsFailure) throw new RpcException(error.failure);
      this.log.error(error);
      const failure: RpcFailure = { code: 'INTERNAL', message: 'sensor-ingest failed' };
      throw new RpcException(failure);
    }
  }
}
