package dev.backendbyexample.messaging.rabbitmq;

import java.util.UUID;

/**
 * Called after a consumer's transaction committed and before it acknowledges the message:
 * the one moment where a crash leaves work done but unacknowledged, so the broker
 * delivers it again. No bean in the application; the crash test's consumer process adds
 * one that stops there, so it can be killed at exactly that moment.
 */
@FunctionalInterface
interface BeforeAck {

	void committed(String consumer, UUID messageId);

}
