using System.Text.Json.Nodes;

namespace Encryption.Core.Backends;

/// <summary>Health of a component, as reported by <c>/healthz</c> and <c>status</c>.</summary>
public enum HealthState
{
    Ok,
    Degraded,
    Failed,
}

/// <summary>
/// A backend's status: <see cref="Text"/> in the layout of <c>cilium-dbg encrypt status</c>, and the same facts as JSON.
/// Never contains key material.
/// </summary>
public sealed record BackendStatus(EncryptionType Type, HealthState Health, string Text, JsonObject Json)
{
    public ICollection<string> Problems { get; init; } = [];
}
