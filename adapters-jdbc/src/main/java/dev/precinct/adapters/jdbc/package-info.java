/** PostgreSQL adapters (Jdbi over a HikariCP pool): read models, command statuses, checkpoints and idempotency. */
package dev.precinct.adapters.jdbc;
