namespace Encryption.Core.Configuration;

/// <summary><c>cluster.*</c> and <c>clustermesh.*</c>: what the ztunnel + ClusterMesh rule needs.</summary>
public sealed record ClusterOptions
{
    public string Name { get; init; } = "default";

    public int Id { get; init; }

    public bool ClusterMeshUseApiServer { get; init; }

    public bool ClusterMeshConfigEnabled { get; init; }

    public string ClusterMeshConfigPath { get; init; } = "";

    /// <summary>
    /// ClusterMesh is on when its API server or configuration is deployed. Unlike Cilium (where any non-zero
    /// cluster ID makes the ClusterMesh object exist), a cluster ID alone does not count.
    /// </summary>
    public bool ClusterMeshEnabled => ClusterMeshUseApiServer || ClusterMeshConfigEnabled || ClusterMeshConfigPath.Length > 0;
}
