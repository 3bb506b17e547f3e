// Generated from the management OpenAPI document by `npm run web:api-types`; do not edit.
// A unit spec (test/web-api-types.spec.ts) fails when this file is stale.
export interface paths {
    "/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an organisation’s API keys
         * @description Needs the bootstrap ADMIN_TOKEN. Id, name, prefix, creation and last use (to within a minute); never the key.
         */
        get: operations["AdminController_list"];
        put?: never;
        /**
         * Issue an API key for an organisation
         * @description Needs the bootstrap ADMIN_TOKEN. The key is returned once; only its hash is kept.
         */
        post: operations["AdminController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Needs the bootstrap ADMIN_TOKEN. The key is deleted; every management instance refuses it with 401 within 2 s.
         */
        delete: operations["AdminController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks
         * @description Newest first; pass next_cursor as cursor for the next page.
         */
        get: operations["WebhooksController_list"];
        put?: never;
        /**
         * Create a webhook
         * @description A signing secret is generated with it.
         */
        post: operations["WebhooksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/filter-test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Try a payload filter on a sample event
         * @description Answers whether the event (a callback body) passes the filter, with the same validation as a webhook's `filter`. Nothing is stored.
         */
        post: operations["WebhooksController_testFilter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook, with the outcome of its last delivery */
        get: operations["WebhooksController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook
         * @description Stops new deliveries within 2 s; pending retries are cancelled.
         */
        delete: operations["WebhooksController_remove"];
        options?: never;
        head?: never;
        /** Update a webhook (only the fields given) */
        patch: operations["WebhooksController_update"];
        trace?: never;
    };
    "/v1/webhooks/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the signing secret */
        get: operations["WebhooksController_getSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description Generates a new secret. The previous one keeps signing alongside it for SECRET_ROTATION_OVERLAP (24 h by default).
         */
        post: operations["WebhooksController_rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log of a webhook
         * @description Every attempt, newest first.
         */
        get: operations["DeliveriesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Publishes a webhook.test delivery through the real pipeline; its attempts appear in the delivery log.
         */
        post: operations["DeliveriesController_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a past or dead-lettered delivery again
         * @description Same body and delivery id (webhook-id header), as a new attempt series.
         */
        post: operations["DeliveriesController_redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send again what failed in a time window
         * @description Every delivery of the webhook attempted in the window (at most 14 days) whose last attempt failed for good (dead-lettered, or cancelled while the webhook was off) and that has no later success is sent again: same body, same webhook-id, a new attempt series starting at 1. Test calls are not resent.
         */
        post: operations["RecoveryController_recover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a window of the event log to the webhook
         * @description Runs the webhook’s subscription over the domain events Kafka still holds that were published in [since, until) — also those from before the webhook existed — and delivers the matches again, with the same webhook-id as any earlier delivery of the same event. Answers at once; follow the replay with GET …/replays/{replay_id}.
         */
        post: operations["ReplaysController_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/replays/{replay_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a replay: its state, events scanned and matched */
        get: operations["ReplaysController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event catalog: every type a webhook can subscribe to (no key needed) */
        get: operations["EventTypesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorDto: {
            /** @example 400 */
            status_code: number;
            /** @example Bad Request */
            error: string;
            /**
             * @example [
             *       "target_url must use https"
             *     ]
             */
            message: string | string[];
            /** @example 9d1c4b8e-3c55-4d0e-9b7e-5d6f0c1a2b3c */
            correlation_id: string;
        };
        CreateApiKeyDto: {
            /**
             * Format: uuid
             * @description The organisation the key belongs to; it sees only that organisation’s webhooks.
             * @example 3c90c3cc-0d44-4b50-8888-8dd25736052a
             */
            organisation_id: string;
            /**
             * @description A label for the key.
             * @example CRM sync
             */
            name?: string;
        };
        ApiKeyCreatedDto: {
            /** @example 5b0d7c3e-8a4f-4f0e-9d51-3c2b1a0f9e8d */
            id: string;
            /** @example 3c90c3cc-0d44-4b50-8888-8dd25736052a */
            organisation_id: string;
            /** @example CRM sync */
            name: string;
            /**
             * @description The first characters of the key, to recognise it.
             * @example whk_Jx0m6c
             */
            key_prefix: string;
            /** @example 2026-11-23T10:00:00.000Z */
            created_at: string;
            /**
             * @description When the key last authenticated a request, to within a minute; null if never (or not since this was recorded).
             * @example 2026-11-24T08:31:00.000Z
             */
            last_used_at: string | null;
            /**
             * @description The key itself. Shown once: only its hash is stored.
             * @example whk_Jx0m6cQ2gS9yqv8WcT5e1pQvJr3HnAq0xYz7bLk4MdE
             */
            key: string;
        };
        ApiKeyDto: {
            /** @example 5b0d7c3e-8a4f-4f0e-9d51-3c2b1a0f9e8d */
            id: string;
            /** @example 3c90c3cc-0d44-4b50-8888-8dd25736052a */
            organisation_id: string;
            /** @example CRM sync */
            name: string;
            /**
             * @description The first characters of the key, to recognise it.
             * @example whk_Jx0m6c
             */
            key_prefix: string;
            /** @example 2026-11-23T10:00:00.000Z */
            created_at: string;
            /**
             * @description When the key last authenticated a request, to within a minute; null if never (or not since this was recorded).
             * @example 2026-11-24T08:31:00.000Z
             */
            last_used_at: string | null;
        };
        ApiKeyListDto: {
            /** @description Newest first, at most 1000. */
            data: components["schemas"]["ApiKeyDto"][];
        };
        CreateWebhookDto: {
            /** @example CRM sync */
            name: string;
            /**
             * Format: uri
             * @description HTTPS URL the callbacks are sent to; no credentials, no fragment, and no host that is or resolves to a loopback, private, link-local, CGNAT, multicast, reserved or metadata address. Unique within the organisation.
             * @example https://hooks.example.com/mateo
             */
            target_url: string;
            /**
             * @description 1 to 18 distinct event types of the catalog (GET /v1/event-types).
             * @example [
             *       "contact.created",
             *       "conversation.inbound"
             *     ]
             */
            events: ("contact.created" | "contact_details.updated" | "contact.deleted" | "conversation.inbound" | "conversation.outbound" | "conversation.submission_error" | "conversation.sending_error" | "conversation.tag" | "conversation.untag" | "conversation.assign" | "conversation.unassign" | "conversation.reopen" | "conversation.close" | "form_submission.completed" | "form_submission.aborted" | "delivery.dead_lettered" | "delivery.recovered" | "webhook.disabled")[];
            /**
             * @default POST
             * @example POST
             * @enum {string}
             */
            method: "POST" | "PUT" | "PATCH";
            /**
             * @description Custom HTTP headers sent with every callback, as name → value (at most 20). Names must be HTTP tokens; host, content-length, content-type, user-agent, webhook-* and hop-by-hop headers are reserved. Values may not contain CR or LF. Stored encrypted, returned masked.
             * @example {
             *       "Authorization": "Bearer 9f8e7d6c5b4a1234"
             *     }
             */
            headers?: {
                [key: string]: string;
            };
            /**
             * @default true
             * @example true
             */
            active: boolean;
            /**
             * @description `per_entity`: the callbacks about one entity (a contact, a conversation, a form submission) are sent one at a time, in the order the events were published; a failing callback holds back the later ones of its entity until it succeeds or gives up (docs/receivers.md). `none` (the default): callbacks are sent in parallel, in no particular order.
             * @default none
             * @example none
             * @enum {string}
             */
            ordering: "none" | "per_entity";
            /**
             * @description At most this many callbacks a second to this webhook (1 to 10000); null or absent: no limit. Callbacks over the limit wait their turn: none is dropped, and waiting is not a failed attempt. Test calls are not held back. Approximate when the platform runs several senders.
             * @default null
             * @example 50
             */
            rate_limit: number | null;
            /**
             * @description Optional payload filter (docs/receivers.md, "Payload filters"): only events whose callback body passes it are delivered. Keys are dotted paths into the callback body (`data.conversation.channel`); a value is compared for equality (or membership, when the field is a list), or is an object of operators: $eq, $neq, $gt, $gte, $lt, $lte, $in, $nin, $exist, $regex (RE2 syntax, linear time). $and / $or take lists of filters; several keys must all hold. At most 8 path segments and 4096 bytes of JSON.
             * @example {
             *       "data.conversation.channel": {
             *         "$in": [
             *           "email",
             *           "sms"
             *         ]
             *       },
             *       "$or": [
             *         {
             *           "data.tags.name": "VIP"
             *         },
             *         {
             *           "data.conversation.priority": {
             *             "$gte": 2
             *           }
             *         }
             *       ]
             *     }
             */
            filter?: {
                [key: string]: unknown;
            };
        };
        LastDeliveryDto: {
            /** @example 1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f */
            delivery_id: string;
            /**
             * @example succeeded
             * @enum {string}
             */
            status: "succeeded" | "failed" | "cancelled";
            /** @example 200 */
            status_code: number | null;
            /** @example null */
            error_kind: string | null;
            /** @example null */
            error: string | null;
            /** @example 1 */
            attempt: number;
            /** @example 2026-11-23T10:00:01.234Z */
            attempted_at: string;
            /** @example 184 */
            duration_ms: number;
            /**
             * @description What follows this attempt: nothing (done), another attempt (retry), the dead-letter topic after the last one (dead_letter), or nothing because the webhook is gone (dropped). Null for attempts recorded before this was kept.
             * @example retry
             * @enum {string|null}
             */
            next: "done" | "retry" | "dead_letter" | "dropped" | null;
            /**
             * @description When the retry is due (only with next = retry).
             * @example 2026-11-23T10:01:11.000Z
             */
            next_attempt_at: string | null;
        };
        WebhookDto: {
            /** @example 8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f */
            id: string;
            /** @example 3c90c3cc-0d44-4b50-8888-8dd25736052a */
            organisation_id: string;
            /** @example CRM sync */
            name: string;
            /** @example https://hooks.example.com/mateo */
            target_url: string;
            /**
             * @example POST
             * @enum {string}
             */
            method: "POST" | "PUT" | "PATCH";
            /**
             * @example [
             *       "contact.created",
             *       "conversation.inbound"
             *     ]
             */
            events: ("contact.created" | "contact_details.updated" | "contact.deleted" | "conversation.inbound" | "conversation.outbound" | "conversation.submission_error" | "conversation.sending_error" | "conversation.tag" | "conversation.untag" | "conversation.assign" | "conversation.unassign" | "conversation.reopen" | "conversation.close" | "form_submission.completed" | "form_submission.aborted" | "delivery.dead_lettered" | "delivery.recovered" | "webhook.disabled")[];
            /**
             * @description Header values, masked.
             * @example {
             *       "Authorization": "Bear…1234"
             *     }
             */
            headers: {
                [key: string]: string;
            };
            /** @example true */
            active: boolean;
            /**
             * @description `per_entity`: the callbacks about one entity (a contact, a conversation, a form submission) are sent one at a time, in the order the events were published; a failing callback holds back the later ones of its entity until it succeeds or gives up (docs/receivers.md). `none` (the default): callbacks are sent in parallel, in no particular order.
             * @example none
             * @enum {string}
             */
            ordering: "none" | "per_entity";
            /**
             * @description Callbacks a second at most to this webhook; null: no limit.
             * @example null
             */
            rate_limit: number | null;
            /**
             * @description The payload filter; null when the webhook takes every event of its types.
             * @example {
             *       "data.conversation.channel": {
             *         "$in": [
             *           "email",
             *           "sms"
             *         ]
             *       },
             *       "$or": [
             *         {
             *           "data.tags.name": "VIP"
             *         },
             *         {
             *           "data.conversation.priority": {
             *             "$gte": 2
             *           }
             *         }
             *       ]
             *     }
             */
            filter: {
                [key: string]: unknown;
            } | null;
            /**
             * @description Why the platform switched the webhook off: `failing` when every delivery dead-lettered, with no success, for WEBHOOK_DISABLE_AFTER (default 5 days). Null otherwise; PATCH `{"active": true}` re-enables it and clears this.
             * @example null
             * @enum {string|null}
             */
            disabled_reason: "failing" | null;
            /**
             * @description When the platform switched the webhook off; null when it did not.
             * @example null
             */
            disabled_at: string | null;
            /** @example 2026-11-23T09:00:00.000Z */
            created_at: string;
            /** @example 2026-11-23T09:30:00.000Z */
            updated_at: string;
            last_delivery: components["schemas"]["LastDeliveryDto"] | null;
        };
        FilterTestDto: {
            /**
             * @description Optional payload filter (docs/receivers.md, "Payload filters"): only events whose callback body passes it are delivered. Keys are dotted paths into the callback body (`data.conversation.channel`); a value is compared for equality (or membership, when the field is a list), or is an object of operators: $eq, $neq, $gt, $gte, $lt, $lte, $in, $nin, $exist, $regex (RE2 syntax, linear time). $and / $or take lists of filters; several keys must all hold. At most 8 path segments and 4096 bytes of JSON.
             * @example {
             *       "data.conversation.channel": {
             *         "$in": [
             *           "email",
             *           "sms"
             *         ]
             *       },
             *       "$or": [
             *         {
             *           "data.tags.name": "VIP"
             *         },
             *         {
             *           "data.conversation.priority": {
             *             "$gte": 2
             *           }
             *         }
             *       ]
             *     }
             */
            filter: {
                [key: string]: unknown;
            };
            /**
             * @description A sample callback body, as a receiver gets it: {id, type, timestamp, organisation_id, data}.
             * @example {
             *       "id": "0f9d8c7b-6a5e-4d3c-2b1a-0f9e8d7c6b5a",
             *       "type": "conversation.inbound",
             *       "timestamp": "2026-11-23T10:00:00.000Z",
             *       "organisation_id": "3c90c3cc-0d44-4b50-8888-8dd25736052a",
             *       "data": {
             *         "conversation": {
             *           "channel": "email",
             *           "priority": 3
             *         },
             *         "tags": [
             *           {
             *             "name": "VIP"
             *           }
             *         ]
             *       }
             *     }
             */
            event: {
                [key: string]: unknown;
            };
        };
        FilterTestResultDto: {
            /**
             * @description Whether the event passes the filter.
             * @example true
             */
            matches: boolean;
        };
        WebhookPageDto: {
            data: components["schemas"]["WebhookDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        UpdateWebhookDto: {
            /** @example CRM sync (EU) */
            name?: string;
            /**
             * Format: uri
             * @description HTTPS URL the callbacks are sent to; no credentials, no fragment, and no host that is or resolves to a loopback, private, link-local, CGNAT, multicast, reserved or metadata address. Unique within the organisation.
             * @example https://hooks.example.com/mateo-eu
             */
            target_url?: string;
            /**
             * @description Replaces the list. 1 to 18 distinct event types of the catalog (GET /v1/event-types).
             * @example [
             *       "conversation.inbound"
             *     ]
             */
            events?: ("contact.created" | "contact_details.updated" | "contact.deleted" | "conversation.inbound" | "conversation.outbound" | "conversation.submission_error" | "conversation.sending_error" | "conversation.tag" | "conversation.untag" | "conversation.assign" | "conversation.unassign" | "conversation.reopen" | "conversation.close" | "form_submission.completed" | "form_submission.aborted" | "delivery.dead_lettered" | "delivery.recovered" | "webhook.disabled")[];
            /**
             * @example PUT
             * @enum {string}
             */
            method?: "POST" | "PUT" | "PATCH";
            /**
             * @description Merged into the existing headers: a value sets that header, null removes it. Custom HTTP headers sent with every callback, as name → value (at most 20). Names must be HTTP tokens; host, content-length, content-type, user-agent, webhook-* and hop-by-hop headers are reserved. Values may not contain CR or LF. Stored encrypted, returned masked.
             * @example {
             *       "Authorization": "Bearer 0a1b2c3d4e5f6789",
             *       "X-Old": null
             *     }
             */
            headers?: {
                [key: string]: string | null;
            };
            /** @example false */
            active?: boolean;
            /**
             * @description `per_entity`: the callbacks about one entity (a contact, a conversation, a form submission) are sent one at a time, in the order the events were published; a failing callback holds back the later ones of its entity until it succeeds or gives up (docs/receivers.md). `none` (the default): callbacks are sent in parallel, in no particular order.
             * @example per_entity
             * @enum {string}
             */
            ordering?: "none" | "per_entity";
            /**
             * @description At most this many callbacks a second to this webhook (1 to 10000); null or absent: no limit. Callbacks over the limit wait their turn: none is dropped, and waiting is not a failed attempt. Test calls are not held back. Approximate when the platform runs several senders. null removes the limit.
             * @example 20
             */
            rate_limit?: number | null;
            /**
             * @description Replaces the filter; null removes it. Optional payload filter (docs/receivers.md, "Payload filters"): only events whose callback body passes it are delivered. Keys are dotted paths into the callback body (`data.conversation.channel`); a value is compared for equality (or membership, when the field is a list), or is an object of operators: $eq, $neq, $gt, $gte, $lt, $lte, $in, $nin, $exist, $regex (RE2 syntax, linear time). $and / $or take lists of filters; several keys must all hold. At most 8 path segments and 4096 bytes of JSON.
             * @example {
             *       "data.conversation.channel": {
             *         "$in": [
             *           "email",
             *           "sms"
             *         ]
             *       },
             *       "$or": [
             *         {
             *           "data.tags.name": "VIP"
             *         },
             *         {
             *           "data.conversation.priority": {
             *             "$gte": 2
             *           }
             *         }
             *       ]
             *     }
             */
            filter?: {
                [key: string]: unknown;
            } | null;
        };
        SigningSecretDto: {
            /**
             * @description The current signing secret (Standard Webhooks: whsec_ + base64).
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/6UqYvC9RxQ=
             */
            secret: string;
            /** @example 2026-11-23T09:00:00.000Z */
            created_at: string;
            /**
             * @description While a rotated-out secret still signs alongside this one: when it stops.
             * @example 2026-11-24T09:00:00.000Z
             */
            previous_secret_expires_at: string | null;
        };
        CallbackPayloadDto: {
            /** @example 0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11 */
            id: string;
            /** @example contact.created */
            type: string;
            /** @example 2026-11-23T10:00:00.000Z */
            timestamp: string;
            /** @example 3c90c3cc-0d44-4b50-8888-8dd25736052a */
            organisation_id: string;
            /**
             * @example {
             *       "id": "c0a8012e-7f3b-4a51-9d2c-1e2f3a4b5c6d"
             *     }
             */
            data: {
                [key: string]: unknown;
            };
        };
        DeliveryAttemptDto: {
            /** @example 4d7e8f90-1a2b-4c3d-8e9f-0a1b2c3d4e5f */
            id: string;
            /**
             * @description The webhook-id header: the same on every attempt and redelivery.
             * @example 1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f
             */
            delivery_id: string;
            /**
             * @description One attempt series: the first try and its retries; a test or redelivery starts a new one.
             * @example 1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f
             */
            series_id: string;
            /** @example 8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f */
            webhook_id: string;
            /** @example 0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11 */
            event_id: string;
            /** @example contact.created */
            event_type: string;
            /**
             * @example event
             * @enum {string}
             */
            trigger: "event" | "test" | "redeliver" | "replay";
            /**
             * @description 1 for the first try, up to 4.
             * @example 2
             */
            attempt: number;
            /**
             * @example failed
             * @enum {string}
             */
            status: "succeeded" | "failed" | "cancelled";
            /** @example 503 */
            status_code: number | null;
            /** @example http_status */
            error_kind: string | null;
            /** @example HTTP 503 Service Unavailable */
            error: string | null;
            /** @example 412 */
            duration_ms: number;
            /**
             * @description The first 4 KB of the response body.
             * @example {"error":"maintenance"}
             */
            response_body: string | null;
            /** @example 2026-11-23T10:00:11.000Z */
            attempted_at: string;
            /**
             * @example retry
             * @enum {string}
             */
            next: "done" | "retry" | "dead_letter" | "dropped";
            /** @example 2026-11-23T10:01:11.000Z */
            next_attempt_at: string | null;
            /** @description The body that was sent. */
            payload: components["schemas"]["CallbackPayloadDto"];
        };
        DeliveryAttemptPageDto: {
            data: components["schemas"]["DeliveryAttemptDto"][];
            next_cursor: string | null;
        };
        AcceptedDeliveryDto: {
            /**
             * @description The webhook-id header the receiver will see.
             * @example 6e2f0c1a-9b8d-4e7f-a6b5-c4d3e2f1a0b9
             */
            delivery_id: string;
            /**
             * @description The new attempt series; its attempts appear in the delivery log.
             * @example 7a3c5e9f-1b2d-4f6a-8c0e-2d4f6a8c0e1b
             */
            series_id: string;
        };
        RecoverWindowDto: {
            /**
             * Format: date-time
             * @description Start of the window (inclusive), RFC 3339.
             * @example 2026-11-20T00:00:00.000Z
             */
            since: string;
            /**
             * Format: date-time
             * @description End of the window (inclusive), RFC 3339; now when left out. At most 14 days after since.
             * @example 2026-11-23T10:00:00.000Z
             */
            until?: string;
        };
        RecoveryAcceptedDto: {
            /**
             * @description How many deliveries were queued to be sent again.
             * @example 12
             */
            queued: number;
            /** @example 2026-11-20T00:00:00.000Z */
            since: string;
            /** @example 2026-11-23T10:00:00.000Z */
            until: string;
        };
        ReplayWindowDto: {
            /**
             * Format: date-time
             * @description Start of the window (inclusive), ISO 8601. Events are picked by the time they were published to Kafka.
             * @example 2026-11-22T10:00:00.000Z
             */
            since: string;
            /**
             * Format: date-time
             * @description End of the window (exclusive), ISO 8601; now by default. After since, not in the future, at most 14 days after since.
             * @example 2026-11-23T10:00:00.000Z
             */
            until?: string;
        };
        ReplayDto: {
            /** @example 2f0e8c1a-4b5d-4e6f-8a9b-0c1d2e3f4a5b */
            id: string;
            /** @example 8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f */
            webhook_id: string;
            /** @example 2026-11-22T10:00:00.000Z */
            since: string;
            /** @example 2026-11-23T10:00:00.000Z */
            until: string;
            /**
             * @description `requested` until the matcher picks the replay up, `running` while it reads the window, then `completed` or `failed`.
             * @example running
             * @enum {string}
             */
            state: "requested" | "running" | "completed" | "failed";
            /**
             * @description Domain events read in the window so far.
             * @example 48210
             */
            events_scanned: number;
            /**
             * @description Events the webhook’s subscription matched so far: one delivery each.
             * @example 1312
             */
            events_matched: number;
            /**
             * @description Events the window holds on the domain topics; null until the matcher has looked.
             * @example 96000
             */
            events_total: number | null;
            /** @example null */
            error: string | null;
            /** @example 2026-11-23T10:05:00.000Z */
            requested_at: string;
            /** @example 2026-11-23T10:05:09.870Z */
            finished_at: string | null;
        };
        EventTypeDto: {
            /**
             * @example contact.created
             * @enum {string}
             */
            type: "contact.created" | "contact_details.updated" | "contact.deleted" | "conversation.inbound" | "conversation.outbound" | "conversation.submission_error" | "conversation.sending_error" | "conversation.tag" | "conversation.untag" | "conversation.assign" | "conversation.unassign" | "conversation.reopen" | "conversation.close" | "form_submission.completed" | "form_submission.aborted" | "delivery.dead_lettered" | "delivery.recovered" | "webhook.disabled";
            /**
             * @description The revision of the type's `data` schema: 1 when the type was introduced, one more with every additive change. A breaking change is a new type name, never a new version.
             * @example 1
             */
            version: number;
            /** @example A new contact has been created. */
            description: string;
            /**
             * @description The group the type belongs to: the domain stream it comes from, or `operational` for the events the platform publishes about deliveries and webhooks.
             * @example contacts
             * @enum {string}
             */
            group: "contacts" | "conversations" | "form-submissions" | "operational";
            /**
             * @description Where in the event its Kafka message key is: the aggregate id producers key it by, so one entity's events stay in order.
             * @example data.id
             */
            key: string;
            /** @description JSON Schema of `data`. */
            schema: {
                [key: string]: unknown;
            };
            /** @description An example `data` payload. */
            example: {
                [key: string]: unknown;
            };
        };
        EventTypeListDto: {
            data: components["schemas"]["EventTypeDto"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AdminController_list: {
        parameters: {
            query: {
                /** @description The organisation whose keys to list. */
                organisation_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListDto"];
                };
            };
            /** @description organisation_id missing or not a UUID. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or wrong admin token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AdminController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreatedDto"];
                };
            };
            /** @description Invalid input; the message names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or wrong admin token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AdminController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or wrong admin token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    WebhooksController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The next_cursor of the previous page (opaque). */
                cursor?: string;
                /** @description Only webhooks subscribed to this event type. */
                event?: "contact.created" | "contact_details.updated" | "contact.deleted" | "conversation.inbound" | "conversation.outbound" | "conversation.submission_error" | "conversation.sending_error" | "conversation.tag" | "conversation.untag" | "conversation.assign" | "conversation.unassign" | "conversation.reopen" | "conversation.close" | "form_submission.completed" | "form_submission.aborted" | "delivery.dead_lettered" | "delivery.recovered" | "webhook.disabled";
                /** @description Only active (true) or inactive (false) webhooks. */
                active?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    WebhooksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            /** @description Invalid input; the message names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The organisation already has a webhook with this target_url. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    WebhooksController_testFilter: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FilterTestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FilterTestResultDto"];
                };
            };
            /** @description Invalid filter or event; the message names the path. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    WebhooksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    WebhooksController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    WebhooksController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    WebhooksController_getSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningSecretDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    WebhooksController_rotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningSecretDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    DeliveriesController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The next_cursor of the previous page (opaque). */
                cursor?: string;
                /** @description Only attempts with this outcome. */
                status?: "succeeded" | "failed" | "cancelled";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryAttemptPageDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    DeliveriesController_test: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedDeliveryDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The webhook is inactive. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    DeliveriesController_redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedDeliveryDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The webhook is inactive. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    RecoveryController_recover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoverWindowDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryAcceptedDto"];
                };
            };
            /** @description An empty, reversed or too long window. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The webhook is disabled or inactive. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReplaysController_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplayWindowDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplayDto"];
                };
            };
            /** @description A bad window (empty, reversed, in the future, longer than 14 days); the message names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The webhook is inactive. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Kafka did not take the request in time. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReplaysController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                replay_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplayDto"];
                };
            };
            /** @description Missing or invalid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    EventTypesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypeListDto"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ok */
                        status?: string;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example error */
                        status?: string;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
}
