package dev.precinct.police;

/**
 * A place: WGS 84 latitude and longitude, and for incidents an optional street address.
 *
 * @param address null when not given
 */
public record Location(double lat, double lon, String address) {
}
