using System.Net;
using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

public class OptionsDiffTests
{
    [Fact]
    public void IdenticalSnapshotsHaveNoDifference()
    {
        var a = Load.Valid(args: ["--pod-cidrs=10.1.0.0/24", "--enable-ipsec"]);
        var b = Load.Valid(args: ["--pod-cidrs=10.1.0.0/24", "--enable-ipsec"]);

        Assert.Equal(a, b);
        Assert.True(OptionsDiff.Between(a, b).IsEmpty);
    }

    [Fact]
    public void SettingAValueThatWasEmptyIsAdded()
    {
        var before = EncryptionOptions.Defaults;
        var after = before with { StrictMode = new StrictModeOptions { Egress = new StrictEgressOptions { Cidr = IPNetwork.Parse("10.0.0.0/8") } } };

        var diff = OptionsDiff.Between(before, after);

        Assert.Equal([new OptionChange(OptionKeys.StrictEgressCidr, null, "10.0.0.0/8")], diff.Added.ToArray());
        Assert.Empty(diff.Changed);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void ClearingAValueIsRemoved()
    {
        var before = EncryptionOptions.Defaults with { Agent = new AgentOptions { MetricsAddress = ":9962" } };

        var diff = OptionsDiff.Between(before, EncryptionOptions.Defaults);

        Assert.Equal([new OptionChange(OptionKeys.MetricsAddress, ":9962", null)], diff.Removed.ToArray());
    }

    [Fact]
    public void ChangedValuesAreListedInKeyOrderWithOldAndNew()
    {
        var before = Load.Valid(args: ["--enable-ipsec"]);
        var after = Load.Valid(args: ["--enable-wireguard", "--ipsec-key-rotation-duration=10m"]);

        var diff = OptionsDiff.Between(before, after);

        Assert.Equal(
            [
                new OptionChange(OptionKeys.IPsecKeyRotationDuration, "5m0s", "10m0s"),
                new OptionChange(OptionKeys.BackendType, "ipsec", "wireguard"),
            ],
            diff.Changed.ToArray());
        Assert.True(diff.Touches("encryption.ipsec."));
        Assert.False(diff.Touches("encryption.wireguard."));
    }

    [Fact]
    public void ListsAreComparedByContent()
    {
        var a = Load.Valid(args: ["--pod-cidrs=10.1.0.0/24"]);
        var b = Load.Valid(args: ["--pod-cidrs=10.1.0.0/24,10.2.0.0/24"]);

        Assert.NotEqual(a, b);
        Assert.Equal([new OptionChange(OptionKeys.PodCidrs, "10.1.0.0/24", "10.1.0.0/24,10.2.0.0/24")], OptionsDiff.Between(a, b).Changed.ToArray());
    }
}
