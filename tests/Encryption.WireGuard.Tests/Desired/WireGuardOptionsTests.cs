namespace Encryption.WireGuard.Tests.Desired;

public class WireGuardOptionsTests
{
    [Fact]
    public void DefaultsAreValidAndFollowCilium()
    {
        var options = new WireGuardOptions();
        Assert.Empty(options.Validate());
        Assert.Equal(("cilium_wg0", 51871, 0x1E00u), (options.InterfaceName, options.ListenPort, options.FirewallMark));
        Assert.Equal(1405, options.DeviceMtu);
        Assert.Equal("node-role.kubernetes.io/control-plane", options.NodeEncryptionOptOutLabels);
        Assert.DoesNotContain("/var/run", options.StateDirectory, StringComparison.Ordinal);
    }

    [Fact]
    public void MtuIsClampedTo1280WithIPv6()
    {
        Assert.Equal(1280, new WireGuardOptions { UnderlayMtu = 1300 }.DeviceMtu);
        Assert.Equal(1205, new WireGuardOptions { UnderlayMtu = 1300, EnableIPv6 = false }.DeviceMtu);
    }

    [Fact]
    public void ValidationCollectsEveryErrorAndNamesTheValue()
    {
        var errors = new WireGuardOptions
        {
            InterfaceName = "much-too-long-interface",
            PersistentKeepalive = TimeSpan.FromSeconds(-1),
            NodeEncryptionOptOutLabels = "a b c",
            RouteTable = 254,
            StrictEgress = new StrictEgressOptions { Enabled = true },
        }.Validate();

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Contains("much-too-long-interface", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("\"a b c\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("strictMode.egress.cidr", StringComparison.Ordinal));
    }
}
