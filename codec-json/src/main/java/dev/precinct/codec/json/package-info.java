/**
 * The one JSON wire format of Precinct (Jackson): {@link dev.precinct.codec.json.JsonCodec} owns the mappers and
 * hands out {@link dev.precinct.codec.json.CommandJson} (command bodies), {@link dev.precinct.codec.json.ReplyJson}
 * (replies) and {@link dev.precinct.codec.json.AdminJson} (dead letters and the operator's views); the answers are
 * records bound by Jackson, problem details included.
 */
package dev.precinct.codec.json;
