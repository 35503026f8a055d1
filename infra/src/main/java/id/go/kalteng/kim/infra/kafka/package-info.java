/**
 * Kafka for agencies: the SASL/SCRAM users, public topics and ACLs that let each demo
 * agency read its own kabupaten's public event log on the broker {@code ./kim} runs, and
 * nothing else.
 */
package id.go.kalteng.kim.infra.kafka;
