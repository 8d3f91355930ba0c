namespace Encryption.Agent.Backends;

/// <summary>The chosen backend (or cluster source) has no implementation in this build yet.</summary>
internal sealed class BackendNotBuiltException(string what) : Exception($"{what} is not built yet")
{
}
