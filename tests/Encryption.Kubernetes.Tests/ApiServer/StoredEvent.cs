using System.Text.Json.Nodes;

namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>One entry of the store's history: what watches replay.</summary>
public sealed record StoredEvent(long ResourceVersion, ApiResource Resource, string Type, JsonObject Object);
