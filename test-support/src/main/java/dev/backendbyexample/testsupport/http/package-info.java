/**
 * HTTP below the clients: requests written byte for byte, for the malformed and oversized
 * requests a real client would refuse to send or would normalise.
 */
@NullMarked
package dev.backendbyexample.testsupport.http;

import org.jspecify.annotations.NullMarked;
