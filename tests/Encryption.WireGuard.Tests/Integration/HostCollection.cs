namespace Encryption.WireGuard.Tests.Integration;

/// <summary>Host-tier tests share two CPU cores with everything else: run them one at a time.</summary>
[CollectionDefinition("host", DisableParallelization = true)]
public sealed class HostCollection;
