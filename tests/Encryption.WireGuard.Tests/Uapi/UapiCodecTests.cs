using Encryption.WireGuard.Model;
using Encryption.WireGuard.Tests.Support;
using Encryption.WireGuard.Uapi;
using System.Net;
using System.Text;

namespace Encryption.WireGuard.Tests.Uapi;

public class UapiCodecTests
{
    [Fact]
    public void CanonicalSetRequestIsByteForByteWhatWgAddconfSends()
    {
        var config = WgConfigFile.Parse(TestData.Text("canonical.conf"));
        Assert.Equal(TestData.Text("canonical.uapi-set.txt"), Encoding.ASCII.GetString(UapiRequestWriter.WriteSet(config)));
    }

    [Fact]
    public void CanonicalGetReplyDecodesToTheCanonicalDevice()
    {
        var device = UapiResponseParser.ParseGet("cilium_wg0", TestData.Text("canonical.uapi-get.txt"));
        CanonicalDevice.AssertMatches(device);
        Assert.Equal(WireGuardTransportKind.Userspace, device.Kind);
    }

    [Fact]
    public void RemovalsAndUpdateOnlyAreWrittenInTheOrderUapiRequires()
    {
        var config = new DeviceConfig
        {
            Peers =
            [
                new PeerConfig { PublicKey = CanonicalDevice.B, UpdateOnly = true, AllowedIPs = [IPNetwork.Parse("10.0.0.1/32")], RemoveAllowedIPs = [IPNetwork.Parse("10.0.0.2/32")] },
                new PeerConfig { PublicKey = CanonicalDevice.Bob, Remove = true, AllowedIPs = [IPNetwork.Parse("10.0.0.3/32")] },
            ],
        };

        Assert.Equal(
            "set=1\n" +
            $"public_key={CanonicalDevice.B.ToHex()}\nupdate_only=true\nallowed_ip=10.0.0.1/32\nallowed_ip=-10.0.0.2/32\n" +
            $"public_key={CanonicalDevice.Bob.ToHex()}\nremove=true\n\n",
            Encoding.ASCII.GetString(UapiRequestWriter.WriteSet(config)));
    }

    [Theory]
    [InlineData("errno=-22\n\n", 22)]
    [InlineData("errno=-98\n\n", 98)]
    [InlineData("errno=5\n\n", 5)]
    public void NonZeroErrnoFailsWithThePositiveNumber(string reply, int errno)
    {
        var error = Assert.Throws<WireGuardException>(() => UapiResponseParser.ParseSet(reply, "set"));
        Assert.Equal(errno, error.Errno);
    }

    [Fact]
    public void ZeroErrnoSucceeds() => UapiResponseParser.ParseSet("errno=0\n\n", "set");

    [Fact]
    public void FreshDeviceWithOnlyAPortDecodes()
    {
        var device = UapiResponseParser.ParseGet("wg0", "listen_port=40171\nerrno=0\n\n");
        Assert.Equal(40171, device.ListenPort);
        Assert.Null(device.PrivateKey);
        Assert.Empty(device.Peers);
    }

    [Fact]
    public void HandshakeWithZeroNanosecondsIsNotNever()
    {
        var reply = $"public_key={CanonicalDevice.B.ToHex()}\nlast_handshake_time_sec=1795345116\nlast_handshake_time_nsec=0\nerrno=0\n\n";
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795345116), UapiResponseParser.ParseGet("wg0", reply).Peers[0].LastHandshake);
    }

    [Fact]
    public void MalformedPrivateKeyIsReportedWithoutEchoingIt()
    {
        var error = Assert.Throws<WireGuardException>(() => UapiResponseParser.ParseGet("wg0", "private_key=88029667352d230dzz\nerrno=0\n\n"));
        Assert.DoesNotContain("88029667", error.Message);
        Assert.Contains("private_key", error.Message);
    }

    [Fact]
    public void UnknownKeysAreSkipped()
    {
        var device = UapiResponseParser.ParseGet("wg0", "listen_port=1\nfuture_key=1\nerrno=0\n\n");
        Assert.Equal(1, device.ListenPort);
    }
}
