/**
 * TCP below the clients: a proxy a test cuts, restores or stalls to stage a server's
 * outage without touching the server.
 */
@NullMarked
package dev.backendbyexample.testsupport.net;

import org.jspecify.annotations.NullMarked;
