using Google.Protobuf.WellKnownTypes;

namespace Encryption.Ztunnel.Xds;

/// <summary>
/// One named resource as sent in a delta response. <see cref="Version"/> is a hash of the encoded body,
/// so ztunnel's <c>initial_resource_versions</c> after a reconnect say exactly what it still holds.
/// </summary>
public sealed record XdsResource(string Name, string Version, Any Body);
