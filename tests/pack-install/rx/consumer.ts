// TypeScript (module nodenext) consumer of the packed @vodmns/rx: ofEventType must narrow the event type.
import { createConsumer, ofEventType } from '@vodmns/rx';
import { InMemoryQueuePort } from '@vodmns/rx/testing';
import { map, type Observable } from 'rxjs';

const port = new InMemoryQueuePort();
const consumer = createConsumer(port, { queueName: 'q' });
export const uploadedVideoIds: Observable<string> = consumer.events$.pipe(
  ofEventType('FileUploadComplete'),
  map((delivery) => delivery.event.VideoId),
);
