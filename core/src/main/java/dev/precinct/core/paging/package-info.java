/** Keyset paging of list queries: page requests, pages and opaque cursors. */
package dev.precinct.core.paging;
