package io.glimpse.imports.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The addresses web-download refuses by default, IPv6 spellings of IPv4 ones included, and an operator's allowance. */
class AddressPolicyTest {
    private static final AddressPolicy DEFAULTS = new AddressPolicy(List.of());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254",
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "100.64.0.1",
                "100.127.255.254",
                "169.254.169.254",
                "169.254.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "192.168.255.255",
                "192.0.0.170",
                "192.0.2.1",
                "198.18.0.1",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::ffff:10.0.0.1",
                "::127.0.0.1",
                "::ffff:7f00:1",
                "64:ff9b::7f00:1",
                "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::1",
                "2002:a9fe:a9fe::",
                "2001:0:4136:e378::1",
                "fd00:ec2::254",
                "fc00::1",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "2001:db8::1",
                "100::1"
            })
    void refusesInternalAddressesInEverySpelling(String address) throws Exception {
        assertThat(DEFAULTS.refusal(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "1.1.1.1",
                "2606:4700:4700::1111",
                "::ffff:8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "11.0.0.1"
            })
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(DEFAULTS.refusal(InetAddress.getByName(address))).as(address).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "::ffff:10.1.2.3"})
    void anOperatorAllowsARangeAndNothingAroundIt(String address) throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of("10.1.2.0/24"));
        assertThat(policy.refusal(InetAddress.getByName(address))).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("10.1.3.1"))).isPresent();
        assertThat(policy.refusal(InetAddress.getByName("127.0.0.1"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "example.com/8", "10.0.0.0/33", "::1/129"})
    void aMalformedRangeIsAConfigurationError(String range) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AddressPolicy(List.of(range)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
