import { resolveDomainTopics } from './domain-topics';

describe('resolveDomainTopics', () => {
  it('names the domain topics as the platform does: a per-topic override, else prefix + default', () => {
    expect(
      resolveDomainTopics({
        KAFKA_TOPIC_PREFIX: 'acme.',
        KAFKA_TOPIC_DOMAIN_CONVERSATIONS: 'chats',
      }),
    ).toEqual({
      domainContacts: 'acme.domain.contacts',
      domainConversations: 'chats',
      domainFormSubmissions: 'acme.domain.form-submissions',
    });
    expect(resolveDomainTopics({}).domainContacts).toBe('domain.contacts');
  });

  it('refuses an illegal name, naming the variable', () => {
    expect(() => resolveDomainTopics({ KAFKA_TOPIC_DOMAIN_CONTACTS: 'a b' })).toThrow(
      /^KAFKA_TOPIC_DOMAIN_CONTACTS \(or KAFKA_TOPIC_PREFIX\): "a b" is not a legal Kafka topic name/,
    );
  });
});
