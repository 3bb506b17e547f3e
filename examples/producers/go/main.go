// Command webhookproducer publishes domain events to the webhook platform with franz-go.
//
// A new contact writes in on WhatsApp: it publishes contact.created for her and
// conversation.inbound for her first message, each as the envelope docs/producers.md
// describes, keyed by its aggregate id, with acks=all and an idempotent producer. It prints
// one JSON line per event once Kafka has acknowledged it.
//
//	ORGANISATION_ID=<uuid> go run . [number of contacts, 1 by default]
//
// Kafka is reached through the platform's own variables: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
// KAFKA_TOPIC_DOMAIN_CONTACTS / _CONVERSATIONS / _FORM_SUBMISSIONS, KAFKA_SSL,
// KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE, KAFKA_SASL_MECHANISM,
// KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE.
package main

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// Event is the envelope: the value of every message on a domain topic.
type Event struct {
	ID             string `json:"id"`
	Type           string `json:"type"`
	OrganisationID string `json:"organisation_id"`
	OccurredAt     string `json:"occurred_at"`
	Data           any    `json:"data"`
}

// Stream is the topic family of an event type: contacts, conversations or form-submissions.
func Stream(eventType string) (string, error) {
	switch {
	case strings.HasPrefix(eventType, "contact"):
		return "contacts", nil
	case strings.HasPrefix(eventType, "conversation."):
		return "conversations", nil
	case strings.HasPrefix(eventType, "form_submission."):
		return "form-submissions", nil
	}
	return "", fmt.Errorf("%s is not a type producers publish", eventType)
}

// Topic is the stream's topic: its own variable, else KAFKA_TOPIC_PREFIX + the default name.
func Topic(stream string) string {
	variable := "KAFKA_TOPIC_DOMAIN_" + strings.ToUpper(strings.ReplaceAll(stream, "-", "_"))
	if name := os.Getenv(variable); name != "" {
		return name
	}
	return os.Getenv("KAFKA_TOPIC_PREFIX") + "domain." + stream
}

// Key is the aggregate id: the conversation for every conversation.* event, else data.id.
func Key(stream string, data map[string]any) (string, error) {
	if stream == "conversations" {
		data, _ = data["conversation"].(map[string]any)
	}
	if id, ok := data["id"].(string); ok && id != "" {
		return id, nil
	}
	return "", fmt.Errorf("no aggregate id in the %s event's data", stream)
}

// Now is RFC 3339 in UTC with milliseconds, as the platform writes times.
func Now() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// NewUUID is a random (version 4) uuid.
func NewUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// NewEvent builds an envelope; keep its ID with the change and reuse it if you publish it again.
func NewEvent(eventType, organisationID string, data map[string]any) Event {
	return Event{ID: NewUUID(), Type: eventType, OrganisationID: organisationID, OccurredAt: Now(), Data: data}
}

// Options are the client settings the platform's contract asks of every producer.
func Options() ([]kgo.Opt, error) {
	brokers := strings.Split(getenv("KAFKA_BROKERS", "127.0.0.1:9092"), ",")
	for i := range brokers {
		brokers[i] = strings.TrimSpace(brokers[i])
	}
	opts := []kgo.Opt{
		kgo.SeedBrokers(brokers...),
		kgo.ClientID("go-example-producer"),
		// Every in-sync replica has the event before the send counts as done. franz-go's
		// producer is idempotent unless DisableIdempotentWrite is given: its own retries
		// neither duplicate nor reorder a record.
		kgo.RequiredAcks(kgo.AllISRAcks()),
		// Keys hashed with murmur2 exactly as the Java client and the platform do, so one
		// entity's events share a partition whichever service sent them. (franz-go's default,
		// UniformBytesPartitioner, hashes keys the same way; this says so explicitly.)
		kgo.RecordPartitioner(kgo.StickyKeyPartitioner(nil)),
	}
	if flag := strings.ToLower(strings.TrimSpace(os.Getenv("KAFKA_SSL"))); flag == "true" || flag == "1" || flag == "yes" {
		config, err := tlsConfig()
		if err != nil {
			return nil, err
		}
		opts = append(opts, kgo.DialTLSConfig(config))
	}
	if mechanism := strings.ToLower(strings.TrimSpace(os.Getenv("KAFKA_SASL_MECHANISM"))); mechanism != "" {
		password := os.Getenv("KAFKA_SASL_PASSWORD")
		if file := os.Getenv("KAFKA_SASL_PASSWORD_FILE"); password == "" && file != "" {
			content, err := os.ReadFile(file)
			if err != nil {
				return nil, err
			}
			password = strings.TrimRight(string(content), "\r\n")
		}
		user := os.Getenv("KAFKA_SASL_USERNAME")
		switch mechanism {
		case "plain":
			opts = append(opts, kgo.SASL(plain.Auth{User: user, Pass: password}.AsMechanism()))
		case "scram-sha-256":
			opts = append(opts, kgo.SASL(scram.Auth{User: user, Pass: password}.AsSha256Mechanism()))
		case "scram-sha-512":
			opts = append(opts, kgo.SASL(scram.Auth{User: user, Pass: password}.AsSha512Mechanism()))
		default:
			return nil, fmt.Errorf("KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512")
		}
	}
	return opts, nil
}

func tlsConfig() (*tls.Config, error) {
	config := &tls.Config{MinVersion: tls.VersionTLS12}
	if file := os.Getenv("KAFKA_SSL_CA_FILE"); file != "" {
		pem, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		config.RootCAs = x509.NewCertPool()
		if !config.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("KAFKA_SSL_CA_FILE: no certificate in %s", file)
		}
	}
	if cert, key := os.Getenv("KAFKA_SSL_CERT_FILE"), os.Getenv("KAFKA_SSL_KEY_FILE"); cert != "" && key != "" {
		pair, err := tls.LoadX509KeyPair(cert, key)
		if err != nil {
			return nil, err
		}
		config.Certificates = []tls.Certificate{pair}
	}
	return config, nil
}

// Landed is where Kafka put one event.
type Landed struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Topic     string `json:"topic"`
	Key       string `json:"key"`
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
}

// Publish sends the events and waits until Kafka has acknowledged each. On an error, publish
// the same events again, ids included: receivers drop what arrives twice.
func Publish(ctx context.Context, client *kgo.Client, events []Event) ([]Landed, error) {
	records := make([]*kgo.Record, len(events))
	for i, event := range events {
		stream, err := Stream(event.Type)
		if err != nil {
			return nil, err
		}
		data, _ := event.Data.(map[string]any)
		key, err := Key(stream, data)
		if err != nil {
			return nil, err
		}
		value, err := json.Marshal(event)
		if err != nil {
			return nil, err
		}
		records[i] = &kgo.Record{
			Topic:   Topic(stream),
			Key:     []byte(key),
			Value:   value,
			Headers: []kgo.RecordHeader{{Key: "event-type", Value: []byte(event.Type)}},
		}
	}
	results := client.ProduceSync(ctx, records...)
	if err := results.FirstErr(); err != nil {
		return nil, err
	}
	// Results come back as the brokers acknowledge them, not in the order sent.
	index := make(map[*kgo.Record]int, len(records))
	for i, record := range records {
		index[record] = i
	}
	landed := make([]Landed, len(events))
	for _, result := range results {
		r, event := result.Record, events[index[result.Record]]
		landed[index[r]] = Landed{event.ID, event.Type, r.Topic, string(r.Key), r.Partition, r.Offset}
	}
	return landed, nil
}

// ExampleEvents are a contact and her first inbound WhatsApp message, shaped as the catalog's
// schemas say.
func ExampleEvents(organisationID string) []Event {
	at := Now()
	contactID, conversationID := NewUUID(), NewUUID()
	contact := map[string]any{
		"id": contactID, "organisation_id": organisationID, "external_id": nil,
		"full_name": "Lena Schneider", "display_name": "Lena Schneider",
		"first_name": "Lena", "last_name": "Schneider", "email": nil,
		"whatsapp": "+4915123456789", "sms": nil,
		"marketing_opt_in": false, "transactional_opt_in": "legitimate_interest",
		"marketing_subscriptions": map[string]any{}, "custom_fields": map[string]any{},
		"tags": []any{}, "created_at": at, "updated_at": at,
	}
	inbound := map[string]any{
		"conversation": map[string]any{
			"id": conversationID, "organisation_id": organisationID, "contact_id": contactID,
			"channel": "whatsapp", "status": "open", "assignee": nil, "tags": []any{},
			"created_at": at, "updated_at": at,
		},
		"message": map[string]any{
			"id": NewUUID(), "conversation_id": conversationID, "direction": "inbound",
			"channel": "whatsapp", "status": "received",
			"text":        "Hallo! Habt ihr diese Woche noch einen Termin frei?",
			"attachments": []any{}, "created_at": at, "sent_at": at,
		},
	}
	return []Event{
		NewEvent("contact.created", organisationID, contact),
		NewEvent("conversation.inbound", organisationID, inbound),
	}
}

func getenv(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func main() {
	organisationID := os.Getenv("ORGANISATION_ID")
	if organisationID == "" {
		fmt.Fprintln(os.Stderr, "set ORGANISATION_ID to the organisation whose webhooks receive the events")
		os.Exit(2)
	}
	opts, err := Options()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	client, err := kgo.NewClient(opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	contacts := 1
	if len(os.Args) > 1 {
		if contacts, err = strconv.Atoi(os.Args[1]); err != nil || contacts < 1 {
			fmt.Fprintln(os.Stderr, "the argument is the number of contacts to publish, at least 1")
			os.Exit(2)
		}
	}
	var events []Event
	for range contacts {
		events = append(events, ExampleEvents(organisationID)...)
	}
	landed, err := Publish(ctx, client, events)
	if err != nil {
		fmt.Fprintln(os.Stderr, "publishing failed:", err)
		os.Exit(1)
	}
	for _, l := range landed {
		line, _ := json.Marshal(l)
		fmt.Println(string(line))
	}
}
