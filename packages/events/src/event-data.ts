// Generated from the JSON schemas of src/catalog by `npm run events:generate`; do not edit.
// A spec (codegen/generated-files.spec.ts) fails when this file is stale.

/** `data` of `contact.created` (version 1): A hellomateo contact. */
export type ContactCreatedData = {
  id: string;
  organisation_id: string;
  /** The id of the contact in an external system (CRM, ERP), for syncing. */
  external_id: string | null;
  full_name: string | null;
  /** The name shown in the inbox; falls back to a handle or phone number. */
  display_name: string;
  first_name: string | null;
  last_name: string | null;
  handle?: string | null;
  description?: string | null;
  email: string | null;
  /** Phone number in E.164 format (e.g. +4915123456789), or null. */
  whatsapp: string | null;
  /** Phone number in E.164 format (e.g. +4915123456789), or null. */
  sms: string | null;
  instagram?: string | null;
  facebook?: string | null;
  google_business_messaging?: string | null;
  /** Whether the contact accepted marketing messages on at least one channel. */
  marketing_opt_in: boolean;
  /** Legal basis for transactional messages, e.g. "legitimate_interest", "accepted" or "declined". */
  transactional_opt_in: string | null;
  /** Marketing consent by channel (whatsapp, sms, email...). */
  marketing_subscriptions: {
    [key: string]: {
      status: 'accepted' | 'declined' | 'pending';
      /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
      updated_at: string;
      [key: string]: unknown;
    };
  };
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  latest_marketing_opt_in_request_sent_at?: string | null;
  number_of_marketing_opt_in_requests?: number;
  campaign_messages_this_month?: number;
  /** Custom field values by custom field key. */
  custom_fields: {
    [key: string]: string | number | boolean | null;
  };
  tags: Array<{
    id: string;
    name: string;
    color?: string | null;
    [key: string]: unknown;
  }>;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  created_at: string;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  updated_at: string;
  [key: string]: unknown;
};

/** `data` of `contact_details.updated` (version 1): A hellomateo contact. */
export type ContactDetailsUpdatedData = {
  id: string;
  organisation_id: string;
  /** The id of the contact in an external system (CRM, ERP), for syncing. */
  external_id: string | null;
  full_name: string | null;
  /** The name shown in the inbox; falls back to a handle or phone number. */
  display_name: string;
  first_name: string | null;
  last_name: string | null;
  handle?: string | null;
  description?: string | null;
  email: string | null;
  /** Phone number in E.164 format (e.g. +4915123456789), or null. */
  whatsapp: string | null;
  /** Phone number in E.164 format (e.g. +4915123456789), or null. */
  sms: string | null;
  instagram?: string | null;
  facebook?: string | null;
  google_business_messaging?: string | null;
  /** Whether the contact accepted marketing messages on at least one channel. */
  marketing_opt_in: boolean;
  /** Legal basis for transactional messages, e.g. "legitimate_interest", "accepted" or "declined". */
  transactional_opt_in: string | null;
  /** Marketing consent by channel (whatsapp, sms, email...). */
  marketing_subscriptions: {
    [key: string]: {
      status: 'accepted' | 'declined' | 'pending';
      /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
      updated_at: string;
      [key: string]: unknown;
    };
  };
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  latest_marketing_opt_in_request_sent_at?: string | null;
  number_of_marketing_opt_in_requests?: number;
  campaign_messages_this_month?: number;
  /** Custom field values by custom field key. */
  custom_fields: {
    [key: string]: string | number | boolean | null;
  };
  tags: Array<{
    id: string;
    name: string;
    color?: string | null;
    [key: string]: unknown;
  }>;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  created_at: string;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  updated_at: string;
  [key: string]: unknown;
};

/** `data` of `contact.deleted` (version 1): A hellomateo contact, as it was when it was deleted. */
export type ContactDeletedData = {
  id: string;
  organisation_id: string;
  /** The id of the contact in an external system (CRM, ERP), for syncing. */
  external_id: string | null;
  full_name: string | null;
  /** The name shown in the inbox; falls back to a handle or phone number. */
  display_name: string;
  first_name: string | null;
  last_name: string | null;
  handle?: string | null;
  description?: string | null;
  email: string | null;
  /** Phone number in E.164 format (e.g. +4915123456789), or null. */
  whatsapp: string | null;
  /** Phone number in E.164 format (e.g. +4915123456789), or null. */
  sms: string | null;
  instagram?: string | null;
  facebook?: string | null;
  google_business_messaging?: string | null;
  /** Whether the contact accepted marketing messages on at least one channel. */
  marketing_opt_in: boolean;
  /** Legal basis for transactional messages, e.g. "legitimate_interest", "accepted" or "declined". */
  transactional_opt_in: string | null;
  /** Marketing consent by channel (whatsapp, sms, email...). */
  marketing_subscriptions: {
    [key: string]: {
      status: 'accepted' | 'declined' | 'pending';
      /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
      updated_at: string;
      [key: string]: unknown;
    };
  };
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  latest_marketing_opt_in_request_sent_at?: string | null;
  number_of_marketing_opt_in_requests?: number;
  campaign_messages_this_month?: number;
  /** Custom field values by custom field key. */
  custom_fields: {
    [key: string]: string | number | boolean | null;
  };
  tags: Array<{
    id: string;
    name: string;
    color?: string | null;
    [key: string]: unknown;
  }>;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  created_at: string;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  updated_at: string;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  deleted_at: string;
  [key: string]: unknown;
};

/** `data` of `conversation.inbound` (version 1): The conversation and the message. */
export type ConversationInboundData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open' | 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** A message in a conversation. */
  message: {
    id: string;
    conversation_id: string;
    direction: 'inbound';
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
    /** Plain-text content; null for attachment-only messages. */
    text: string | null;
    /** The raw content: the text, or the HTML of an email. */
    raw_content?: string | null;
    attachments: Array<{
      id: string;
      type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
      /** A time-limited download link. */
      url: string;
      file_name?: string | null;
      mime_type: string;
      size_bytes?: number | null;
      [key: string]: unknown;
    }>;
    /** The user who wrote an outbound message; null for inbound, automated or API messages. */
    sent_by?: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    /** The provider's id, once submitted. */
    provider_message_id?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** When the message was sent (by the contact, or by us to the provider); null if never sent. */
    sent_at: string | null;
    [key: string]: unknown;
  };
};

/** `data` of `conversation.outbound` (version 1): The conversation and the message. */
export type ConversationOutboundData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open' | 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** A message in a conversation. */
  message: {
    id: string;
    conversation_id: string;
    direction: 'outbound';
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
    /** Plain-text content; null for attachment-only messages. */
    text: string | null;
    /** The raw content: the text, or the HTML of an email. */
    raw_content?: string | null;
    attachments: Array<{
      id: string;
      type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
      /** A time-limited download link. */
      url: string;
      file_name?: string | null;
      mime_type: string;
      size_bytes?: number | null;
      [key: string]: unknown;
    }>;
    /** The user who wrote an outbound message; null for inbound, automated or API messages. */
    sent_by?: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    /** The provider's id, once submitted. */
    provider_message_id?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** When the message was sent (by the contact, or by us to the provider); null if never sent. */
    sent_at: string | null;
    [key: string]: unknown;
  };
};

/** `data` of `conversation.submission_error` (version 1): The conversation, the message that was never submitted, and why. */
export type ConversationSubmissionErrorData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open' | 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** A message in a conversation. */
  message: {
    id: string;
    conversation_id: string;
    direction: 'outbound';
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
    /** Plain-text content; null for attachment-only messages. */
    text: string | null;
    /** The raw content: the text, or the HTML of an email. */
    raw_content?: string | null;
    attachments: Array<{
      id: string;
      type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
      /** A time-limited download link. */
      url: string;
      file_name?: string | null;
      mime_type: string;
      size_bytes?: number | null;
      [key: string]: unknown;
    }>;
    /** The user who wrote an outbound message; null for inbound, automated or API messages. */
    sent_by?: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    /** The provider's id, once submitted. */
    provider_message_id?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** When the message was sent (by the contact, or by us to the provider); null if never sent. */
    sent_at: string | null;
    [key: string]: unknown;
  };
  /** Why the message failed. */
  error: {
    /** Stable, machine-readable reason (snake_case). */
    code: string;
    /** Human-readable explanation. */
    message: string;
    /** The provider's own error code, when it gave one. */
    provider_code?: string | null;
    [key: string]: unknown;
  };
};

/** `data` of `conversation.sending_error` (version 1): The conversation, the message the provider could not deliver, and why. */
export type ConversationSendingErrorData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open' | 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** A message in a conversation. */
  message: {
    id: string;
    conversation_id: string;
    direction: 'outbound';
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
    /** Plain-text content; null for attachment-only messages. */
    text: string | null;
    /** The raw content: the text, or the HTML of an email. */
    raw_content?: string | null;
    attachments: Array<{
      id: string;
      type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
      /** A time-limited download link. */
      url: string;
      file_name?: string | null;
      mime_type: string;
      size_bytes?: number | null;
      [key: string]: unknown;
    }>;
    /** The user who wrote an outbound message; null for inbound, automated or API messages. */
    sent_by?: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    /** The provider's id, once submitted. */
    provider_message_id?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** When the message was sent (by the contact, or by us to the provider); null if never sent. */
    sent_at: string | null;
    [key: string]: unknown;
  };
  /** Why the message failed. */
  error: {
    /** Stable, machine-readable reason (snake_case). */
    code: string;
    /** Human-readable explanation. */
    message: string;
    /** The provider's own error code, when it gave one. */
    provider_code?: string | null;
    [key: string]: unknown;
  };
};

/** `data` of `conversation.tag` (version 1): The conversation and the tag added to it. */
export type ConversationTagData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open' | 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** A label in the organisation (used on contacts and conversations). */
  tag: {
    id: string;
    name: string;
    color?: string | null;
    [key: string]: unknown;
  };
  /** The user who made the change; null when an automation, the API or the system made it. */
  actor: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  } | null;
  source: 'user' | 'automation' | 'api' | 'system';
};

/** `data` of `conversation.untag` (version 1): The conversation and the tag removed from it. */
export type ConversationUntagData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open' | 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** A label in the organisation (used on contacts and conversations). */
  tag: {
    id: string;
    name: string;
    color?: string | null;
    [key: string]: unknown;
  };
  /** The user who made the change; null when an automation, the API or the system made it. */
  actor: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  } | null;
  source: 'user' | 'automation' | 'api' | 'system';
};

/** `data` of `conversation.assign` (version 1): The conversation, its new assignee and the previous one. */
export type ConversationAssignData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open' | 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** A user (team member) of the organisation. */
  assignee: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  };
  /** Who was assigned before; null if nobody. */
  previous_assignee: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  } | null;
  /** The user who made the change; null when an automation, the API or the system made it. */
  actor: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  } | null;
  source: 'user' | 'automation' | 'api' | 'system';
};

/** `data` of `conversation.unassign` (version 1): The conversation and the user it is no longer assigned to. */
export type ConversationUnassignData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open' | 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** The user the conversation was assigned to until now. */
  assignee: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  };
  /** The user who made the change; null when an automation, the API or the system made it. */
  actor: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  } | null;
  source: 'user' | 'automation' | 'api' | 'system';
};

/** `data` of `conversation.reopen` (version 1): The reopened conversation and what reopened it. */
export type ConversationReopenData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'open';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** The user who made the change; null when an automation, the API or the system made it. */
  actor: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  } | null;
  source: 'user' | 'automation' | 'api' | 'system' | 'inbound_message';
};

/** `data` of `conversation.close` (version 1): The closed conversation and who closed it. */
export type ConversationCloseData = {
  /** A conversation between the organisation and one contact on one channel. */
  conversation: {
    id: string;
    organisation_id: string;
    contact_id: string;
    channel: 'whatsapp' | 'sms' | 'email' | 'instagram' | 'facebook' | 'google_business_messaging';
    status: 'closed';
    /** Email subject; null on chat channels. */
    subject?: string | null;
    /** The user the conversation is assigned to, or null. */
    assignee: {
      id: string;
      name: string;
      email: string;
      [key: string]: unknown;
    } | null;
    tags: Array<{
      id: string;
      name: string;
      color?: string | null;
      [key: string]: unknown;
    }>;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    last_message_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    closed_at?: string | null;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    created_at: string;
    /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
    updated_at: string;
    [key: string]: unknown;
  };
  /** The user who made the change; null when an automation, the API or the system made it. */
  actor: {
    id: string;
    name: string;
    email: string;
    [key: string]: unknown;
  } | null;
  source: 'user' | 'automation' | 'api' | 'system';
};

/** `data` of `form_submission.completed` (version 1): A form submission the contact finished. */
export type FormSubmissionCompletedData = {
  id: string;
  organisation_id: string;
  /** The form that was filled in. */
  form: {
    id: string;
    name: string;
    [key: string]: unknown;
  };
  contact_id: string;
  /** The conversation the form ran in; null if filled in outside one. */
  conversation_id: string | null;
  answers: Array<{
    question_id: string;
    question: string;
    answer: string | number | boolean | string[] | null;
    [key: string]: unknown;
  }>;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  started_at: string;
  status: 'completed';
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  completed_at: string;
  [key: string]: unknown;
};

/** `data` of `form_submission.aborted` (version 1): A form submission that ended before the last question; `answers` holds those given so far. */
export type FormSubmissionAbortedData = {
  id: string;
  organisation_id: string;
  /** The form that was filled in. */
  form: {
    id: string;
    name: string;
    [key: string]: unknown;
  };
  contact_id: string;
  /** The conversation the form ran in; null if filled in outside one. */
  conversation_id: string | null;
  answers: Array<{
    question_id: string;
    question: string;
    answer: string | number | boolean | string[] | null;
    [key: string]: unknown;
  }>;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  started_at: string;
  status: 'aborted';
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  aborted_at: string;
  reason: 'timeout' | 'cancelled_by_contact' | 'cancelled_by_user' | 'conversation_closed';
  [key: string]: unknown;
};

/** `data` of `delivery.dead_lettered` (version 1): A delivery that failed its last attempt and was given up. */
export type DeliveryDeadLetteredData = {
  organisation_id: string;
  /** The webhook the delivery was for. */
  webhook_id: string;
  /** The delivery id: the `webhook-id` header its callbacks carried. */
  delivery_id: string;
  /** The id of the event that was delivered. */
  event_id: string;
  /** The type of the event that was delivered. */
  event_type: string;
  /** Attempts made in this series. */
  attempts: number;
  /** The HTTP status of the last attempt; null when no response came. */
  last_status_code: number | null;
  /** What went wrong on the last attempt. */
  last_error_kind: 'http_status' | 'redirect' | 'timeout' | 'connection' | 'tls' | 'dns' | 'blocked_address' | 'invalid_target';
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  dead_lettered_at: string;
  [key: string]: unknown;
};

/** `data` of `delivery.recovered` (version 1): A delivery that succeeded after at least one failed attempt. */
export type DeliveryRecoveredData = {
  organisation_id: string;
  /** The webhook the delivery was for. */
  webhook_id: string;
  /** The delivery id: the `webhook-id` header its callbacks carried. */
  delivery_id: string;
  /** The id of the event that was delivered. */
  event_id: string;
  /** The type of the event that was delivered. */
  event_type: string;
  /** Attempts made in this series. */
  attempts: number;
  /** The 2xx status received. */
  status_code: number;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  recovered_at: string;
  [key: string]: unknown;
};

/** `data` of `webhook.disabled` (version 1): A webhook the platform switched off because its deliveries kept failing. */
export type WebhookDisabledData = {
  organisation_id: string;
  /** The webhook that was disabled. */
  webhook_id: string;
  /** failing: every delivery dead-lettered, with no success, for too long. */
  reason: 'failing';
  /** When the first dead letter with no success after it happened. */
  failing_since: string;
  /** ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z). */
  disabled_at: string;
  [key: string]: unknown;
};

/** Every event type with the type of its `data`. */
export type EventDataMap = {
  'contact.created': ContactCreatedData;
  'contact_details.updated': ContactDetailsUpdatedData;
  'contact.deleted': ContactDeletedData;
  'conversation.inbound': ConversationInboundData;
  'conversation.outbound': ConversationOutboundData;
  'conversation.submission_error': ConversationSubmissionErrorData;
  'conversation.sending_error': ConversationSendingErrorData;
  'conversation.tag': ConversationTagData;
  'conversation.untag': ConversationUntagData;
  'conversation.assign': ConversationAssignData;
  'conversation.unassign': ConversationUnassignData;
  'conversation.reopen': ConversationReopenData;
  'conversation.close': ConversationCloseData;
  'form_submission.completed': FormSubmissionCompletedData;
  'form_submission.aborted': FormSubmissionAbortedData;
  'delivery.dead_lettered': DeliveryDeadLetteredData;
  'delivery.recovered': DeliveryRecoveredData;
  'webhook.disabled': WebhookDisabledData;
};

/** The `data` of an event of type `T`, e.g. `EventData<'contact.created'>`. */
export type EventData<T extends keyof EventDataMap> = EventDataMap[T];
