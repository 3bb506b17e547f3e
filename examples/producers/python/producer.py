"""Publishes domain events to the webhook platform with confluent-kafka (librdkafka).

A new contact writes in on WhatsApp: the program publishes `contact.created` for her and
`conversation.inbound` for her first message, each as the envelope docs/producers.md
describes, keyed by its aggregate id, with acks=all and an idempotent producer. It prints one
JSON line per event once Kafka has acknowledged it.

    ORGANISATION_ID=<uuid> python producer.py [number of contacts, 1 by default]

Kafka is reached through the platform's own variables: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
KAFKA_TOPIC_DOMAIN_CONTACTS / _CONVERSATIONS / _FORM_SUBMISSIONS, KAFKA_SSL,
KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE, KAFKA_SASL_MECHANISM,
KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE.
"""

import json
import os
import sys
import uuid
from datetime import datetime, timezone

from confluent_kafka import KafkaException, Producer

# The topic of each stream, by default and by the variable that renames it.
TOPICS = {
    "contacts": ("domain.contacts", "KAFKA_TOPIC_DOMAIN_CONTACTS"),
    "conversations": ("domain.conversations", "KAFKA_TOPIC_DOMAIN_CONVERSATIONS"),
    "form-submissions": ("domain.form-submissions", "KAFKA_TOPIC_DOMAIN_FORM_SUBMISSIONS"),
}


def stream_of(event_type):
    """The stream, and so the topic, of an event type: contacts, conversations or form-submissions."""
    if event_type.startswith("contact"):
        return "contacts"
    if event_type.startswith("conversation."):
        return "conversations"
    if event_type.startswith("form_submission."):
        return "form-submissions"
    raise ValueError(f"{event_type} is not a type producers publish")


def topic_of(event_type):
    default, variable = TOPICS[stream_of(event_type)]
    return os.environ.get(variable) or os.environ.get("KAFKA_TOPIC_PREFIX", "") + default


def key_of(event):
    """The aggregate id: the conversation for every conversation.* event, else data.id."""
    data = event["data"]
    return data["conversation"]["id"] if stream_of(event["type"]) == "conversations" else data["id"]


def now():
    """RFC 3339 in UTC with milliseconds, as the platform writes times: 2026-11-23T10:00:00.000Z."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def envelope(event_type, organisation_id, data, event_id=None, occurred_at=None):
    """The message value. Keep `id` with the change and reuse it if you publish it again."""
    return {
        "id": event_id or str(uuid.uuid4()),
        "type": event_type,
        "organisation_id": organisation_id,
        "occurred_at": occurred_at or now(),
        "data": data,
    }


def producer_config():
    config = {
        "bootstrap.servers": os.environ.get("KAFKA_BROKERS", "127.0.0.1:9092"),
        "client.id": "python-example-producer",
        # Every in-sync replica has the event before the send counts as done, and the
        # producer's own retries neither duplicate nor reorder it.
        "acks": "all",
        "enable.idempotence": True,
        # librdkafka's default partitioner hashes keys with CRC32 (consistent_random); the
        # platform and Java clients use murmur2. murmur2_random puts a key on the partition
        # they would, so one entity's events share a partition whichever service sent them.
        "partitioner": "murmur2_random",
    }
    tls = os.environ.get("KAFKA_SSL", "false").strip().lower() in ("true", "1", "yes")
    mechanism = os.environ.get("KAFKA_SASL_MECHANISM", "").strip().upper()
    if tls or mechanism:
        config["security.protocol"] = ("SASL_" if mechanism else "") + ("SSL" if tls else "PLAINTEXT")
    for variable, option in (
        ("KAFKA_SSL_CA_FILE", "ssl.ca.location"),
        ("KAFKA_SSL_CERT_FILE", "ssl.certificate.location"),
        ("KAFKA_SSL_KEY_FILE", "ssl.key.location"),
    ):
        if os.environ.get(variable):
            config[option] = os.environ[variable]
    if mechanism:
        config["sasl.mechanism"] = mechanism  # PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
        config["sasl.username"] = os.environ.get("KAFKA_SASL_USERNAME", "")
        password = os.environ.get("KAFKA_SASL_PASSWORD")
        if password is None and os.environ.get("KAFKA_SASL_PASSWORD_FILE"):
            with open(os.environ["KAFKA_SASL_PASSWORD_FILE"], encoding="utf-8") as file:
                password = file.read().rstrip("\r\n")
        config["sasl.password"] = password or ""
    return config


def publish(producer, events, timeout_s=30):
    """Sends the events and waits until Kafka has acknowledged each; returns where each landed.

    Raises when one was not acknowledged: publish the same events again, ids included, and
    the receivers drop what arrives twice (docs/producers.md, "The envelope").
    """
    reports = {}
    for event in events:
        topic, key = topic_of(event["type"]), key_of(event)

        def report(error, message, event_id=event["id"], topic=topic, key=key):
            reports[event_id] = (error, message, topic, key)

        producer.produce(
            topic,
            key=key.encode("utf-8"),
            value=json.dumps(event, ensure_ascii=False).encode("utf-8"),
            headers={"event-type": event["type"]},
            on_delivery=report,
        )
    remaining = producer.flush(timeout_s)
    if remaining:
        raise RuntimeError(f"{remaining} events not acknowledged within {timeout_s} s")
    landed = []
    for event in events:
        error, message, topic, key = reports[event["id"]]
        if error is not None:
            raise KafkaException(error)
        landed.append(
            {
                "id": event["id"],
                "type": event["type"],
                "topic": topic,
                "key": key,
                "partition": message.partition(),
                "offset": message.offset(),
            }
        )
    return landed


def example_events(organisation_id):
    """A contact and her first inbound WhatsApp message, shaped as the catalog's schemas say."""
    at = now()
    contact_id, conversation_id = str(uuid.uuid4()), str(uuid.uuid4())
    contact = {
        "id": contact_id,
        "organisation_id": organisation_id,
        "external_id": None,
        "full_name": "Lena Schneider",
        "display_name": "Lena Schneider",
        "first_name": "Lena",
        "last_name": "Schneider",
        "email": None,
        "whatsapp": "+4915123456789",
        "sms": None,
        "marketing_opt_in": False,
        "transactional_opt_in": "legitimate_interest",
        "marketing_subscriptions": {},
        "custom_fields": {},
        "tags": [],
        "created_at": at,
        "updated_at": at,
    }
    conversation = {
        "id": conversation_id,
        "organisation_id": organisation_id,
        "contact_id": contact_id,
        "channel": "whatsapp",
        "status": "open",
        "assignee": None,
        "tags": [],
        "created_at": at,
        "updated_at": at,
    }
    message = {
        "id": str(uuid.uuid4()),
        "conversation_id": conversation_id,
        "direction": "inbound",
        "channel": "whatsapp",
        "status": "received",
        "text": "Hallo! Habt ihr diese Woche noch einen Termin frei?",
        "attachments": [],
        "created_at": at,
        "sent_at": at,
    }
    return [
        envelope("contact.created", organisation_id, contact, occurred_at=at),
        envelope(
            "conversation.inbound",
            organisation_id,
            {"conversation": conversation, "message": message},
            occurred_at=at,
        ),
    ]


def main():
    organisation_id = os.environ.get("ORGANISATION_ID")
    if not organisation_id:
        sys.exit("set ORGANISATION_ID to the organisation whose webhooks receive the events")
    contacts = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    producer = Producer(producer_config())
    events = [event for _ in range(contacts) for event in example_events(organisation_id)]
    for landed in publish(producer, events):
        print(json.dumps(landed), flush=True)


if __name__ == "__main__":
    main()
