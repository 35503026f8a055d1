/**
 * What runs the platform on one machine: the OAuth2 issuer, the MongoDB-wire server and
 * the demo seeder, started as separate processes (next to a Kafka broker) by
 * {@code ./kim}.
 */
package id.go.kalteng.kim.infra;
