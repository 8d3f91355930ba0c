using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using System.Net;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>The canonical fixture device (testdata/README.md), as the model should read it back in every encoding.</summary>
internal static class CanonicalDevice
{
    public static readonly PublicKey B = PublicKey.FromBase64("11U/nI2VfaT9fKTvT7/RwuLEceCaQJ6fB39RLjvjD1g=");
    public static readonly PublicKey Bob = PublicKey.FromBase64("3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=");
    public static readonly PublicKey Own = PublicKey.FromBase64("FgQnPuXxNQ8theIHhwPMWM6BCVbSSlyvD5Mr7bTotDk=");

    public static void AssertMatches(WireGuardDevice device)
    {
        Assert.Equal("cilium_wg0", device.Name);
        Assert.Equal(Own, device.PublicKey);
        Assert.Equal(Own, device.PrivateKey!.PublicKey);
        Assert.Equal(51871, device.ListenPort);
        Assert.Equal(0x1E00u, device.FirewallMark);
        Assert.Equal(2, device.Peers.Length);

        var b = device.Peers.Single(p => p.PublicKey == B);
        Assert.Equal(IPEndPoint.Parse("10.99.0.2:51871"), b.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(25), b.PersistentKeepalive);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795345116).AddTicks(6617444), b.LastHandshake);
        Assert.Equal(712, b.TransmitBytes);
        Assert.Equal(476, b.ReceiveBytes);
        Assert.False(b.HasPresharedKey);
        Assert.Equal(1, b.ProtocolVersion);
        Assert.Equal(["10.100.0.2/32", "fd00::2/128", "10.244.1.0/24"], b.AllowedIPs.Select(p => p.ToString()));

        var bob = device.Peers.Single(p => p.PublicKey == Bob);
        Assert.Equal(IPEndPoint.Parse("[fd00::3]:51871"), bob.Endpoint);
        Assert.Equal(TimeSpan.Zero, bob.PersistentKeepalive);
        Assert.Null(bob.LastHandshake);
        Assert.Equal(0, bob.TransmitBytes);
        Assert.Equal(["10.100.0.3/32", "fd00::3/128"], bob.AllowedIPs.Select(p => p.ToString()));
    }
}
