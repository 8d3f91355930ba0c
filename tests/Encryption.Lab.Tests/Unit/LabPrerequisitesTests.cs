using Encryption.Cli.Lab;

namespace Encryption.Lab.Tests.Unit;

/// <summary>What <c>lab up</c> checks on the host before creating anything.</summary>
public sealed class LabPrerequisitesTests
{
    [Fact]
    public void ZtunnelRunsWithoutTheProxyBinaryBecauseTheLabThenRunsItsControlPlaneOnly()
    {
        Assert.Null(LabPrerequisites.Missing("ztunnel", kernelHasEsp: () => false));
    }

    [Fact]
    public void IPsecWithoutKernelEspPointsAtTheUmlLab()
    {
        var missing = LabPrerequisites.Missing("ipsec", kernelHasEsp: () => false);

        Assert.NotNull(missing);
        Assert.Contains("sudo scripts/lab-uml.sh --backend ipsec", missing);
    }

    [Fact]
    public void BackendNoneNeedsNothing()
    {
        Assert.Null(LabPrerequisites.Missing("none", kernelHasEsp: () => false));
    }
}
