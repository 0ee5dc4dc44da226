/** The MNS queue operations this server implements (docs/mns-protocol.md §4). */
export const MNS_OPERATIONS = [
  'CreateQueue',
  'SetQueueAttributes',
  'GetQueueAttributes',
  'DeleteQueue',
  'ListQueue',
  'SendMessage',
  'BatchSendMessage',
  'ReceiveMessage',
  'BatchReceiveMessage',
  'PeekMessage',
  'BatchPeekMessage',
  'DeleteMessage',
  'BatchDeleteMessage',
  'ChangeMessageVisibility',
] as const;

/** Name of an MNS queue operation. */
export type MnsOperation = (typeof MNS_OPERATIONS)[number];
