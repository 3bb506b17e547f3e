import type {
  ConversationCloseData,
  ConversationInboundData,
  ConversationOutboundData,
  ConversationReopenData,
  ConversationSendingErrorData,
  ConversationSubmissionErrorData,
} from '../event-data';
import type { EventType } from '../event-types';
import { EXAMPLE_CONTACT_ID } from './contact.events';
import type { EventTypeDefinition, JsonSchema } from './event-type-definition';
import {
  ACTOR,
  CHANGE_SOURCE,
  CHANGE_SOURCES,
  CONVERSATION,
  EXAMPLE_ORGANISATION_ID,
  MESSAGE,
  MESSAGE_ERROR,
  TAG,
  USER,
  closedObject,
  defineEventType,
  nullable,
  withProperties,
} from './shared-schemas';

/** The event types published on the `conversations` stream. */
export type ConversationEventType = Extract<EventType, `conversation.${string}`>;

/*
 * `data` is a wrapper this catalog composes: `conversation` (the state after the change)
 * plus what the change was about (`message`, `tag`, `assignee`...). The wrapper is closed
 * (a new key is a contract change, and a `message` sent on a tag event is a producer bug);
 * the entities inside stay open, see shared-schemas.ts.
 */

// ---------------------------------------------------------------- schemas

const INBOUND_MESSAGE = withProperties(MESSAGE, {
  direction: { type: 'string', const: 'inbound' },
});
const OUTBOUND_MESSAGE = withProperties(MESSAGE, {
  direction: { type: 'string', const: 'outbound' },
});
const OPEN_CONVERSATION = withProperties(CONVERSATION, {
  status: { type: 'string', const: 'open' },
});
const CLOSED_CONVERSATION = withProperties(CONVERSATION, {
  status: { type: 'string', const: 'closed' },
});

/** A conversation is reopened by a user, an automation, the API, or by the contact writing again. */
const REOPEN_SOURCE: JsonSchema = { type: 'string', enum: [...CHANGE_SOURCES, 'inbound_message'] };

const messageData = (message: JsonSchema): JsonSchema =>
  closedObject({
    description: 'The conversation and the message.',
    properties: { conversation: CONVERSATION, message },
    required: ['conversation', 'message'],
  });

const failedMessageData = (description: string): JsonSchema =>
  closedObject({
    description,
    properties: { conversation: CONVERSATION, message: OUTBOUND_MESSAGE, error: MESSAGE_ERROR },
    required: ['conversation', 'message', 'error'],
  });

const tagData = (description: string): JsonSchema =>
  closedObject({
    description,
    properties: { conversation: CONVERSATION, tag: TAG, actor: ACTOR, source: CHANGE_SOURCE },
    required: ['conversation', 'tag', 'actor', 'source'],
  });

const ASSIGN_DATA = closedObject({
  description: 'The conversation, its new assignee and the previous one.',
  properties: {
    conversation: CONVERSATION,
    assignee: USER,
    previous_assignee: {
      ...nullable(USER),
      description: 'Who was assigned before; null if nobody.',
    },
    actor: ACTOR,
    source: CHANGE_SOURCE,
  },
  required: ['conversation', 'assignee', 'previous_assignee', 'actor', 'source'],
});

const UNASSIGN_DATA = closedObject({
  description: 'The conversation and the user it is no longer assigned to.',
  properties: {
    conversation: CONVERSATION,
    assignee: { ...USER, description: 'The user the conversation was assigned to until now.' },
    actor: ACTOR,
    source: CHANGE_SOURCE,
  },
  required: ['conversation', 'assignee', 'actor', 'source'],
});

const CLOSE_DATA = closedObject({
  description: 'The closed conversation and who closed it.',
  properties: { conversation: CLOSED_CONVERSATION, actor: ACTOR, source: CHANGE_SOURCE },
  required: ['conversation', 'actor', 'source'],
});

const REOPEN_DATA = closedObject({
  description: 'The reopened conversation and what reopened it.',
  properties: { conversation: OPEN_CONVERSATION, actor: ACTOR, source: REOPEN_SOURCE },
  required: ['conversation', 'actor', 'source'],
});

// ---------------------------------------------------------------- examples

/** Lena's WhatsApp conversation with the bike workshop; most examples follow it. */
export const EXAMPLE_CONVERSATION_ID = '73d0f2a9-d52c-4542-92df-7e0f0bb1a2b9';
/** A second customer whose message could not be delivered and whose form timed out. */
export const SECOND_CONTACT_ID = '350aee14-eea6-4c13-b236-c064b39cc92e';
export const SECOND_CONVERSATION_ID = '90f84b79-f78e-4c2d-ac7c-d3d79e0633ba';

const KATRIN = {
  id: '01b358ba-5f29-47eb-a84f-236ca519824a',
  name: 'Katrin Hoffmann',
  email: 'katrin.hoffmann@radhaus-koeln.example',
};
const MEHMET = {
  id: '01ad4301-3167-481f-a42f-8e355cec248e',
  name: 'Mehmet Yılmaz',
  email: 'mehmet.yilmaz@radhaus-koeln.example',
};
const WORKSHOP_TAG = {
  id: 'b5d08d8f-2c67-4a36-bfa6-9abaee473473',
  name: 'Werkstatt',
  color: '#1565C0',
};

/** A conversation as every conversation event carries it. */
type Conversation = ConversationInboundData['conversation'];

/** Each constant is the conversation right after one step of the story. */
const NEW_CONVERSATION: Conversation = {
  id: EXAMPLE_CONVERSATION_ID,
  organisation_id: EXAMPLE_ORGANISATION_ID,
  contact_id: EXAMPLE_CONTACT_ID,
  channel: 'whatsapp',
  status: 'open',
  subject: null,
  assignee: null,
  tags: [],
  last_message_at: '2026-11-23T08:14:51.000Z',
  closed_at: null,
  created_at: '2026-11-23T08:14:52.402Z',
  updated_at: '2026-11-23T08:14:52.455Z',
};
const TAGGED_CONVERSATION: Conversation = {
  ...NEW_CONVERSATION,
  tags: [WORKSHOP_TAG],
  updated_at: '2026-11-23T08:20:03.771Z',
};
const ASSIGNED_CONVERSATION: Conversation = {
  ...TAGGED_CONVERSATION,
  assignee: KATRIN,
  updated_at: '2026-11-23T08:20:10.129Z',
};
const REPLIED_CONVERSATION: Conversation = {
  ...ASSIGNED_CONVERSATION,
  last_message_at: '2026-11-23T08:21:37.640Z',
  updated_at: '2026-11-23T08:21:37.640Z',
};
const UNASSIGNED_CONVERSATION: Conversation = {
  ...REPLIED_CONVERSATION,
  assignee: null,
  updated_at: '2026-11-23T10:15:22.018Z',
};
const UNTAGGED_CONVERSATION: Conversation = {
  ...UNASSIGNED_CONVERSATION,
  tags: [],
  updated_at: '2026-11-23T10:15:25.306Z',
};
const CLOSED_CONVERSATION_EXAMPLE: ConversationCloseData['conversation'] = {
  ...UNTAGGED_CONVERSATION,
  status: 'closed',
  closed_at: '2026-11-23T10:15:30.447Z',
  updated_at: '2026-11-23T10:15:30.447Z',
};
const REOPENED_CONVERSATION: ConversationReopenData['conversation'] = {
  ...CLOSED_CONVERSATION_EXAMPLE,
  status: 'open',
  closed_at: null,
  last_message_at: '2026-11-24T07:48:11.000Z',
  updated_at: '2026-11-24T07:48:12.203Z',
};

const INBOUND_TEXT =
  'Hallo! Mein Hinterrad eiert seit gestern und die Bremse schleift. Habt ihr diese Woche noch einen Termin frei?';
const OUTBOUND_TEXT =
  'Hallo Lena, danke für das Foto! Am Donnerstag um 9:30 Uhr ist noch ein Termin frei. ' +
  'Ich schicke dir gleich unser Formular für die Terminanfrage.';
const REMINDER_TEXT =
  'Hallo Lena, wir erinnern dich an deinen Werkstatttermin am Donnerstag, 26.11., um 9:30 Uhr.';
const PICKUP_TEXT = 'Hallo Sophie, dein E-Bike ist fertig und kann ab morgen abgeholt werden.';

const INBOUND_EXAMPLE: ConversationInboundData = {
  conversation: NEW_CONVERSATION,
  message: {
    id: 'bd013867-f675-4d54-b3c8-2411fd5f35aa',
    conversation_id: EXAMPLE_CONVERSATION_ID,
    direction: 'inbound',
    channel: 'whatsapp',
    status: 'received',
    text: INBOUND_TEXT,
    raw_content: INBOUND_TEXT,
    attachments: [
      {
        id: '92ad18fb-068d-495b-8c5e-f9763960eb84',
        type: 'image',
        url: 'https://media.radhaus-koeln.example/attachments/92ad18fb-068d-495b-8c5e-f9763960eb84.jpg?expires=1795510492',
        file_name: null,
        mime_type: 'image/jpeg',
        size_bytes: 284913,
      },
    ],
    sent_by: null,
    provider_message_id: 'wamid.HBgNNDkxNTEyMzQ1Njc4ORUCABIYFjNFQjBDMkE0RjY1QjcxRDJFOTQ4QTEA',
    created_at: '2026-11-23T08:14:52.455Z',
    sent_at: '2026-11-23T08:14:51.000Z',
  },
};

const OUTBOUND_EXAMPLE: ConversationOutboundData = {
  conversation: REPLIED_CONVERSATION,
  message: {
    id: '61d3dd81-94d5-4e8a-a61d-fbd642789e11',
    conversation_id: EXAMPLE_CONVERSATION_ID,
    direction: 'outbound',
    channel: 'whatsapp',
    status: 'sent',
    text: OUTBOUND_TEXT,
    raw_content: OUTBOUND_TEXT,
    attachments: [],
    sent_by: KATRIN,
    provider_message_id: 'wamid.HBgNNDkxNTEyMzQ1Njc4ORUCABEYEkI3RjJBOTQ0QzE2MEQ1RTg3QgA=',
    created_at: '2026-11-23T08:21:37.512Z',
    sent_at: '2026-11-23T08:21:37.640Z',
  },
};

/** An automated appointment reminder the provider refused (template parameter mismatch). */
const SUBMISSION_ERROR_EXAMPLE: ConversationSubmissionErrorData = {
  conversation: { ...REPLIED_CONVERSATION, updated_at: '2026-11-23T09:02:00.530Z' },
  message: {
    id: '2dabb7b5-4d79-49e6-86e0-c89d159d6a47',
    conversation_id: EXAMPLE_CONVERSATION_ID,
    direction: 'outbound',
    channel: 'whatsapp',
    status: 'failed',
    text: REMINDER_TEXT,
    raw_content: REMINDER_TEXT,
    attachments: [],
    sent_by: null,
    provider_message_id: null,
    created_at: '2026-11-23T09:02:00.214Z',
    sent_at: null,
  },
  error: {
    code: 'provider_rejected_request',
    message:
      'The provider rejected the message: template "termin_erinnerung" expects 3 parameters, 2 were given.',
    provider_code: '132000',
  },
};

/** Accepted by WhatsApp, then undeliverable: the 24-hour customer service window had closed. */
const SENDING_ERROR_EXAMPLE: ConversationSendingErrorData = {
  conversation: {
    id: SECOND_CONVERSATION_ID,
    organisation_id: EXAMPLE_ORGANISATION_ID,
    contact_id: SECOND_CONTACT_ID,
    channel: 'whatsapp',
    status: 'open',
    subject: null,
    assignee: MEHMET,
    tags: [],
    last_message_at: '2026-11-23T11:05:09.120Z',
    closed_at: null,
    created_at: '2026-11-19T15:40:02.551Z',
    updated_at: '2026-11-23T11:05:10.876Z',
  },
  message: {
    id: 'c38e66c3-9dd3-43f3-a39a-46990739e4cb',
    conversation_id: SECOND_CONVERSATION_ID,
    direction: 'outbound',
    channel: 'whatsapp',
    status: 'failed',
    text: PICKUP_TEXT,
    raw_content: PICKUP_TEXT,
    attachments: [],
    sent_by: MEHMET,
    provider_message_id: 'wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjg4QzFBNzA5RjJFMzQ1QjdEQQA=',
    created_at: '2026-11-23T11:05:08.903Z',
    sent_at: '2026-11-23T11:05:09.120Z',
  },
  error: {
    code: 'outside_customer_service_window',
    message:
      'More than 24 hours have passed since the contact last replied; only an approved template can be sent.',
    provider_code: '131047',
  },
};

// ---------------------------------------------------------------- definitions

/** Every conversation event is keyed by its conversation, whatever else it is about. */
function define<K extends ConversationEventType>(
  type: K,
  description: string,
  schema: JsonSchema,
  example: EventTypeDefinition<K>['example'],
): EventTypeDefinition<K> {
  return defineEventType({
    type,
    version: 1,
    description,
    stream: 'conversations',
    schema,
    example,
    keyPath: ['conversation', 'id'],
  });
}

export const CONVERSATION_EVENTS: { [K in ConversationEventType]: EventTypeDefinition<K> } = {
  'conversation.inbound': define(
    'conversation.inbound',
    'An inbound message has been received.',
    messageData(INBOUND_MESSAGE),
    INBOUND_EXAMPLE,
  ),
  'conversation.outbound': define(
    'conversation.outbound',
    'A message has been sent.',
    messageData(OUTBOUND_MESSAGE),
    OUTBOUND_EXAMPLE,
  ),
  'conversation.submission_error': define(
    'conversation.submission_error',
    'We are unable to submit the message to the API of the provider.',
    failedMessageData('The conversation, the message that was never submitted, and why.'),
    SUBMISSION_ERROR_EXAMPLE,
  ),
  'conversation.sending_error': define(
    'conversation.sending_error',
    'The provider is unable to send the message to the recipient.',
    failedMessageData('The conversation, the message the provider could not deliver, and why.'),
    SENDING_ERROR_EXAMPLE,
  ),
  'conversation.tag': define(
    'conversation.tag',
    'A conversation has been tagged.',
    tagData('The conversation and the tag added to it.'),
    { conversation: TAGGED_CONVERSATION, tag: WORKSHOP_TAG, actor: KATRIN, source: 'user' },
  ),
  'conversation.untag': define(
    'conversation.untag',
    'A tag has been removed from a conversation.',
    tagData('The conversation and the tag removed from it.'),
    { conversation: UNTAGGED_CONVERSATION, tag: WORKSHOP_TAG, actor: KATRIN, source: 'user' },
  ),
  'conversation.assign': define(
    'conversation.assign',
    'A conversation has been assigned to a user.',
    ASSIGN_DATA,
    {
      conversation: ASSIGNED_CONVERSATION,
      assignee: KATRIN,
      previous_assignee: null,
      actor: MEHMET,
      source: 'user',
    },
  ),
  'conversation.unassign': define(
    'conversation.unassign',
    'A conversation has been unassigned from a user.',
    UNASSIGN_DATA,
    { conversation: UNASSIGNED_CONVERSATION, assignee: KATRIN, actor: KATRIN, source: 'user' },
  ),
  'conversation.reopen': define(
    'conversation.reopen',
    'A conversation has been reopened.',
    REOPEN_DATA,
    {
      conversation: REOPENED_CONVERSATION,
      actor: null,
      source: 'inbound_message',
    },
  ),
  'conversation.close': define(
    'conversation.close',
    'A conversation has been closed.',
    CLOSE_DATA,
    {
      conversation: CLOSED_CONVERSATION_EXAMPLE,
      actor: KATRIN,
      source: 'user',
    },
  ),
};
