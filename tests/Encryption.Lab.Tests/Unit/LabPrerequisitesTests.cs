using Encryption.Cli.Lab;

namespace Encryption.Lab.Tests.Unit;

/// <summary>What <c>lab up</c> checks on the host before creating anything.</summary>
public sealed class LabPrerequisitesTests
{
    [Fact]
    public void ZtunnelWithoutTheProxyBinarySaysWhatIsMissing()
    {
        var missing = LabPrerequisites.Missing("ztunnel", _ => null);

        Assert.Equal("backend ztunnel needs the ztunnel proxy (istio/ztunnel) on PATH for its data plane; it is not installed here", missing);
    }

    [Fact]
    public void BackendNoneNeedsNothing()
    {
        Assert.Null(LabPrerequisites.Missing("none", _ => null));
    }
}
