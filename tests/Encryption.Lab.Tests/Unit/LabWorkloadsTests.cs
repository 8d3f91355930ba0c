using Encryption.Cli.Lab;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The lab's namespace and pod documents, and switching the namespace's ztunnel enrollment.</summary>
public sealed class LabWorkloadsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("lab-workloads-").FullName;

    [Fact]
    public async Task ThePodNamespaceStartsEnrolledAndCanBeDisenrolledAndEnrolledAgain()
    {
        var paths = new LabPaths(root, "t");
        await LabWorkloads.PublishAsync(LabTopology.Create(new LabNames("t"), 2, 1), paths, CancellationToken.None);
        Assert.True(LabWorkloads.IsEnrolled(paths));

        await LabWorkloads.SetEnrollmentAsync(paths, enrolled: false, CancellationToken.None);
        Assert.False(LabWorkloads.IsEnrolled(paths));
        Assert.DoesNotContain("mtls-enabled", await File.ReadAllTextAsync(Path.Combine(paths.Store, "namespaces", "default.json")));

        await LabWorkloads.SetEnrollmentAsync(paths, enrolled: true, CancellationToken.None);
        Assert.True(LabWorkloads.IsEnrolled(paths));
    }

    [Fact]
    public void ALabWithoutAStoreIsNotEnrolled()
    {
        Assert.False(LabWorkloads.IsEnrolled(new LabPaths(root, "none")));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
