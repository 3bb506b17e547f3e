import type {
  ContactCreatedData,
  ContactDeletedData,
  ContactDetailsUpdatedData,
} from '../event-data';
import type { EventType } from '../event-types';
import type { EventTypeDefinition, JsonSchema } from './event-type-definition';
import { CONTACT, DATE_TIME, EXAMPLE_ORGANISATION_ID, defineEventType } from './shared-schemas';

/** The event types published on the `contacts` stream; `data` is the contact itself. */
export type ContactEventType = Extract<
  EventType,
  'contact.created' | 'contact_details.updated' | 'contact.deleted'
>;

/** The contact as it was when deleted, plus when; open like the contact it extends. */
const DELETED_CONTACT: JsonSchema = {
  ...CONTACT,
  description: 'A hellomateo contact, as it was when it was deleted.',
  properties: { ...CONTACT.properties, deleted_at: DATE_TIME },
  required: [...CONTACT.required, 'deleted_at'],
};

// ---------------------------------------------------------------- examples

/** The contact the conversation and form examples are about. */
export const EXAMPLE_CONTACT_ID = 'ebde67d4-8efd-4ec8-bda1-237f183ce7a1';

/** Created by her first inbound WhatsApp message; name taken from the WhatsApp profile. */
const CREATED_CONTACT_EXAMPLE: ContactCreatedData = {
  id: EXAMPLE_CONTACT_ID,
  organisation_id: EXAMPLE_ORGANISATION_ID,
  external_id: null,
  full_name: 'Lena Schneider',
  display_name: 'Lena Schneider',
  first_name: 'Lena',
  last_name: 'Schneider',
  handle: null,
  description: null,
  email: null,
  whatsapp: '+4915123456789',
  sms: '+4915123456789',
  instagram: null,
  facebook: null,
  google_business_messaging: null,
  marketing_opt_in: false,
  transactional_opt_in: 'legitimate_interest',
  marketing_subscriptions: {},
  latest_marketing_opt_in_request_sent_at: null,
  number_of_marketing_opt_in_requests: 0,
  campaign_messages_this_month: 0,
  custom_fields: {},
  tags: [{ id: '86be8c5a-4864-457f-b420-babcc19345bd', name: 'Neukunde', color: '#2E7D32' }],
  created_at: '2026-11-23T08:14:52.318Z',
  updated_at: '2026-11-23T08:14:52.318Z',
};

/** The same contact after the team added her email, customer number and newsletter consent. */
const UPDATED_CONTACT_EXAMPLE: ContactDetailsUpdatedData = {
  ...CREATED_CONTACT_EXAMPLE,
  external_id: 'K-10482',
  email: 'lena.schneider@example.com',
  marketing_opt_in: true,
  marketing_subscriptions: {
    whatsapp: { status: 'accepted', updated_at: '2026-11-23T08:24:41.902Z' },
    email: { status: 'pending', updated_at: '2026-11-23T08:25:03.117Z' },
  },
  latest_marketing_opt_in_request_sent_at: '2026-11-23T08:25:03.117Z',
  number_of_marketing_opt_in_requests: 1,
  custom_fields: {
    customer_number: 'K-10482',
    bike_model: 'Cube Kathmandu Hybrid',
    frame_size_cm: 54,
    prefers_pickup: true,
    last_service_date: null,
  },
  tags: [
    { id: '86be8c5a-4864-457f-b420-babcc19345bd', name: 'Neukunde', color: '#2E7D32' },
    { id: '0c11e246-4436-49c6-916c-512b587a1ff0', name: 'Newsletter', color: null },
  ],
  updated_at: '2026-11-23T08:25:03.117Z',
};

/** A long-standing customer removed after a GDPR erasure request. */
const DELETED_CONTACT_EXAMPLE: ContactDeletedData = {
  id: '210ffe40-17c9-43a9-b2be-fadffc16dd50',
  organisation_id: EXAMPLE_ORGANISATION_ID,
  external_id: 'K-07715',
  full_name: 'Jonas Weber',
  display_name: 'Jonas Weber',
  first_name: 'Jonas',
  last_name: 'Weber',
  handle: null,
  description: 'Stammkunde, Rennrad-Service jedes Frühjahr.',
  email: 'jonas.weber@example.org',
  whatsapp: '+4916098765432',
  sms: null,
  instagram: null,
  facebook: null,
  google_business_messaging: null,
  marketing_opt_in: false,
  transactional_opt_in: 'declined',
  marketing_subscriptions: {
    whatsapp: { status: 'declined', updated_at: '2026-11-20T16:02:11.540Z' },
  },
  latest_marketing_opt_in_request_sent_at: '2025-03-14T09:30:00.000Z',
  number_of_marketing_opt_in_requests: 1,
  campaign_messages_this_month: 0,
  custom_fields: { customer_number: 'K-07715', bike_model: 'Canyon Endurace', frame_size_cm: 58 },
  tags: [],
  created_at: '2025-03-14T09:12:45.000Z',
  updated_at: '2026-11-20T16:02:11.540Z',
  deleted_at: '2026-11-23T12:00:07.884Z',
};

// ---------------------------------------------------------------- definitions

/** `data` is the contact, so the contact's own id is the key. */
const keyPath = ['id'];

export const CONTACT_EVENTS: { [K in ContactEventType]: EventTypeDefinition<K> } = {
  'contact.created': defineEventType({
    type: 'contact.created',
    version: 1,
    description: 'A new contact has been created.',
    stream: 'contacts',
    schema: CONTACT,
    example: CREATED_CONTACT_EXAMPLE,
    keyPath,
  }),
  'contact_details.updated': defineEventType({
    type: 'contact_details.updated',
    version: 1,
    description: 'The contact details have been updated.',
    stream: 'contacts',
    schema: CONTACT,
    example: UPDATED_CONTACT_EXAMPLE,
    keyPath,
  }),
  'contact.deleted': defineEventType({
    type: 'contact.deleted',
    version: 1,
    description: 'A contact has been deleted.',
    stream: 'contacts',
    schema: DELETED_CONTACT,
    example: DELETED_CONTACT_EXAMPLE,
    keyPath,
  }),
};
