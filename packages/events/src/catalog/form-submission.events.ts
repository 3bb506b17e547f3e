import type { FormSubmissionAbortedData, FormSubmissionCompletedData } from '../event-data';
import type { EventType } from '../event-types';
import { EXAMPLE_CONTACT_ID } from './contact.events';
import {
  EXAMPLE_CONVERSATION_ID,
  SECOND_CONTACT_ID,
  SECOND_CONVERSATION_ID,
} from './conversation.events';
import type { EventTypeDefinition } from './event-type-definition';
import {
  DATE_TIME,
  EXAMPLE_ORGANISATION_ID,
  FORM,
  FORM_ANSWERS,
  NULLABLE_UUID,
  UUID,
  defineEventType,
  entityObject,
} from './shared-schemas';

/** The event types published on the `form-submissions` stream; `data` is the submission itself. */
export type FormSubmissionEventType = Extract<EventType, `form_submission.${string}`>;

// ---------------------------------------------------------------- schemas

export const ABORT_REASONS = [
  'timeout',
  'cancelled_by_contact',
  'cancelled_by_user',
  'conversation_closed',
] as const;

/** Fields both outcomes share; each event pins `status` and adds its own end time. */
const commonProperties = {
  id: UUID,
  organisation_id: UUID,
  form: FORM,
  contact_id: UUID,
  conversation_id: {
    ...NULLABLE_UUID,
    description: 'The conversation the form ran in; null if filled in outside one.',
  },
  answers: FORM_ANSWERS,
  started_at: DATE_TIME,
};
const commonRequired = [
  'id',
  'organisation_id',
  'form',
  'contact_id',
  'conversation_id',
  'status',
  'answers',
  'started_at',
] as const;

const COMPLETED_SUBMISSION = entityObject({
  description: 'A form submission the contact finished.',
  properties: {
    ...commonProperties,
    status: { type: 'string', const: 'completed' },
    completed_at: DATE_TIME,
  },
  required: [...commonRequired, 'completed_at'],
});

const ABORTED_SUBMISSION = entityObject({
  description:
    'A form submission that ended before the last question; `answers` holds those given so far.',
  properties: {
    ...commonProperties,
    status: { type: 'string', const: 'aborted' },
    aborted_at: DATE_TIME,
    reason: { type: 'string', enum: [...ABORT_REASONS] },
  },
  required: [...commonRequired, 'aborted_at', 'reason'],
});

// ---------------------------------------------------------------- examples

const WORKSHOP_FORM = {
  id: 'cbe29afc-ef1e-4d87-9f58-65bff046b291',
  name: 'Terminanfrage Werkstatt',
};
const QUESTION_BIKE = {
  question_id: 'c8232d7d-7313-40a8-abbc-5db86b119bf0',
  question: 'Um welches Fahrrad geht es?',
};

const COMPLETED_EXAMPLE: FormSubmissionCompletedData = {
  id: 'b3b3cc2a-90e5-4c70-b5ee-ef497b3d4acc',
  organisation_id: EXAMPLE_ORGANISATION_ID,
  form: WORKSHOP_FORM,
  contact_id: EXAMPLE_CONTACT_ID,
  conversation_id: EXAMPLE_CONVERSATION_ID,
  status: 'completed',
  answers: [
    { ...QUESTION_BIKE, answer: 'Cube Kathmandu Hybrid' },
    {
      question_id: 'c5ea4536-05f6-496f-bdc5-2d1e633d8e88',
      question: 'Wann passt dir der Termin?',
      answer: 'Donnerstag, 26.11., 9:30 Uhr',
    },
    {
      question_id: '008df43b-8cf0-4f80-a763-522d848f54e6',
      question: 'Welche Arbeiten sollen wir erledigen?',
      answer: ['Laufrad zentrieren', 'Bremsen einstellen'],
    },
    {
      question_id: '02e254b8-1b35-4115-a163-9ae660374404',
      question: 'Brauchst du ein Leihrad?',
      answer: true,
    },
    {
      question_id: '8d00b3a3-d7c5-4c56-9036-3c3ea5e8e352',
      question: 'Dürfen wir dir Angebote per WhatsApp schicken?',
      answer: true,
    },
  ],
  started_at: '2026-11-23T08:22:05.310Z',
  completed_at: '2026-11-23T08:24:41.902Z',
};

/** The contact answered the first question and then went quiet until the form timed out. */
const ABORTED_EXAMPLE: FormSubmissionAbortedData = {
  id: '74d802ee-6a5e-4a0a-8cfd-7ba878bdba47',
  organisation_id: EXAMPLE_ORGANISATION_ID,
  form: WORKSHOP_FORM,
  contact_id: SECOND_CONTACT_ID,
  conversation_id: SECOND_CONVERSATION_ID,
  status: 'aborted',
  answers: [{ ...QUESTION_BIKE, answer: 'Riese & Müller Charger4' }],
  started_at: '2026-11-22T17:10:44.020Z',
  aborted_at: '2026-11-23T17:10:44.020Z',
  reason: 'timeout',
};

// ---------------------------------------------------------------- definitions

/** `data` is the submission, so the submission's own id is the key. */
const keyPath = ['id'];

export const FORM_SUBMISSION_EVENTS: {
  [K in FormSubmissionEventType]: EventTypeDefinition<K>;
} = {
  'form_submission.completed': defineEventType({
    type: 'form_submission.completed',
    version: 1,
    description: 'A form submission has been completed.',
    stream: 'form-submissions',
    schema: COMPLETED_SUBMISSION,
    example: COMPLETED_EXAMPLE,
    keyPath,
  }),
  'form_submission.aborted': defineEventType({
    type: 'form_submission.aborted',
    version: 1,
    description: 'A form submission has been aborted.',
    stream: 'form-submissions',
    schema: ABORTED_SUBMISSION,
    example: ABORTED_EXAMPLE,
    keyPath,
  }),
};
