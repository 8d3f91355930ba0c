using Microsoft.Extensions.Logging;

namespace Encryption.Kubernetes.Cluster;

/// <summary>Log events of the Kubernetes cluster source (ids 4140-4159). Public keys are not logged either.</summary>
internal static partial class ClusterSourceLog
{
    [LoggerMessage(EventId = 4140, Level = LogLevel.Information, Message = "Kubernetes view synced: {Nodes} CiliumNodes, {Namespaces} namespaces, {Pods} pods")]
    public static partial void Synced(ILogger logger, int nodes, int namespaces, int pods);

    [LoggerMessage(EventId = 4141, Level = LogLevel.Information, Message = "Relisted {Resource}; the view was resynced")]
    public static partial void Resynced(ILogger logger, string resource);

    [LoggerMessage(EventId = 4142, Level = LogLevel.Information, Message = "Published CiliumNode {Node}: encryption key {KeyId}, node ID {NodeId}, WireGuard public key {WireGuard}")]
    public static partial void Published(ILogger logger, string node, byte keyId, ushort nodeId, string wireGuard);

    [LoggerMessage(EventId = 4143, Level = LogLevel.Debug, Message = "CiliumNode {Node} already advertises the local state; nothing to patch")]
    public static partial void PublishUnchanged(ILogger logger, string node);

    [LoggerMessage(EventId = 4144, Level = LogLevel.Information, Message = "CiliumNode {Node} did not exist; created it")]
    public static partial void Created(ILogger logger, string node);

    [LoggerMessage(EventId = 4145, Level = LogLevel.Warning, Message = "CiliumNode {Node}: annotation {Annotation}='{Value}' is not a node ID (decimal 1..65535); ignored")]
    public static partial void InvalidNodeId(ILogger logger, string node, string annotation, string value);
}
