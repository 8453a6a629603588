package io.glimpse.imports.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses web-download may connect to. Checked on the address actually connected to, for every connection and
 * every redirect hop, so neither a name that resolves to an internal address nor DNS rebinding between a check and the
 * connect gets through. Denied unless an operator allows a range: loopback, private, link-local (the cloud metadata
 * address 169.254.169.254 among them), CGNAT, multicast, unspecified and reserved ranges, IPv6 unique-local (the
 * metadata address fd00:ec2::254 among them), and IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64,
 * 6to4), judged by the IPv4 address they carry; Teredo is refused outright, since its IPv4 address is obscured.
 */
public final class AddressPolicy {
    private static final List<Range> DENIED_V4 = List.of(
            Range.of("0.0.0.0/8", "an unspecified (\"this network\") address"),
            Range.of("10.0.0.0/8", "a private address"),
            Range.of("100.64.0.0/10", "a carrier-grade NAT address"),
            Range.of("127.0.0.0/8", "a loopback address"),
            Range.of("169.254.0.0/16", "a link-local address (where cloud metadata services live)"),
            Range.of("172.16.0.0/12", "a private address"),
            Range.of("192.0.0.0/24", "an IETF protocol address"),
            Range.of("192.0.2.0/24", "a documentation address"),
            Range.of("192.88.99.0/24", "a 6to4 relay address"),
            Range.of("192.168.0.0/16", "a private address"),
            Range.of("198.18.0.0/15", "a benchmarking address"),
            Range.of("198.51.100.0/24", "a documentation address"),
            Range.of("203.0.113.0/24", "a documentation address"),
            Range.of("224.0.0.0/4", "a multicast address"),
            Range.of("240.0.0.0/4", "a reserved or broadcast address"));

    private static final List<Range> DENIED_V6 = List.of(
            Range.of("::/128", "an unspecified address"),
            Range.of("::1/128", "a loopback address"),
            Range.of("100::/64", "a discard address"),
            Range.of("2001::/32", "a Teredo address"),
            Range.of("2001:db8::/32", "a documentation address"),
            Range.of("fc00::/7", "a unique-local address (where cloud metadata services live)"),
            Range.of("fe80::/10", "a link-local address"),
            Range.of("fec0::/10", "a site-local address"),
            Range.of("ff00::/8", "a multicast address"));

    private final List<Range> allowed;

    /** @param allowedRanges CIDR ranges an operator allows although they are denied by default */
    public AddressPolicy(List<String> allowedRanges) {
        this.allowed =
                allowedRanges.stream().map(range -> Range.of(range, "allowed")).toList();
    }

    /** Why {@code address} may not be connected to, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (allowed.stream().anyMatch(range -> range.contains(bytes))) {
            return Optional.empty();
        }
        if (bytes.length == 4) {
            return denied(DENIED_V4, bytes);
        }
        Optional<byte[]> carried = carriedIpv4(bytes);
        if (carried.isPresent()) {
            byte[] ipv4 = carried.get();
            if (allowed.stream().anyMatch(range -> range.contains(ipv4))) {
                return Optional.empty();
            }
            return denied(DENIED_V4, ipv4).map(reason -> reason + " (carried in an IPv6 address)");
        }
        return denied(DENIED_V6, bytes);
    }

    private static Optional<String> denied(List<Range> ranges, byte[] address) {
        return ranges.stream()
                .filter(range -> range.contains(address))
                .map(Range::reason)
                .findFirst();
    }

    /** The IPv4 address an IPv6 address stands for: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64, 6to4. */
    private static Optional<byte[]> carriedIpv4(byte[] v6) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= v6[i] == 0;
        }
        boolean mapped = firstTenZero && v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
        boolean compatible = firstTenZero && v6[10] == 0 && v6[11] == 0;
        boolean nat64 = Range.of("64:ff9b::/96", "").contains(v6)
                || Range.of("64:ff9b:1::/48", "").contains(v6);
        if (mapped || (compatible && !isZeroOrOne(v6)) || nat64) {
            return Optional.of(java.util.Arrays.copyOfRange(v6, 12, 16));
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) { // 6to4: 2002:AABB:CCDD::/48
            return Optional.of(java.util.Arrays.copyOfRange(v6, 2, 6));
        }
        return Optional.empty();
    }

    /** :: and ::1 are judged as IPv6 (unspecified, loopback), not as the compatible forms of 0.0.0.0 and 0.0.0.1. */
    private static boolean isZeroOrOne(byte[] v6) {
        for (int i = 12; i < 15; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[15] == 0 || v6[15] == 1;
    }

    /** An address range in CIDR notation and what an address in it is. */
    record Range(byte[] network, int prefix, String reason) {
        static Range of(String cidr, String reason) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not a CIDR range (address/prefix): " + cidr);
            }
            byte[] network;
            try {
                // Only literals reach here (configuration): getByName does no lookup for them.
                network =
                        InetAddress.getByName(literal(cidr.substring(0, slash))).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address range: " + cidr, e);
            }
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + cidr);
            }
            return new Range(network, prefix, reason);
        }

        private static String literal(String address) {
            if (!address.matches("[0-9a-fA-F:.]+")
                    || (!address.contains(":") && !address.matches("\\d+(\\.\\d+){3}"))) {
                throw new IllegalArgumentException("not an IP address: " + address);
            }
            return address;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
