using Encryption.Ztunnel.Grpc;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Xds;

/// <summary>
/// <c>envoy.service.discovery.v3.AggregatedDiscoveryService</c>: delta ADS for ztunnel; state-of-the-world
/// ADS answers UNIMPLEMENTED (ztunnel never calls it).
/// </summary>
public sealed class DeltaAdsService
{
    public const string DeltaAggregatedResourcesPath = "/envoy.service.discovery.v3.AggregatedDiscoveryService/DeltaAggregatedResources";
    public const string StreamAggregatedResourcesPath = "/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources";

    private readonly XdsResourceStore store;
    private readonly Func<string?> expectedNodeName;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    /// <summary><paramref name="expectedNodeName"/>: the NODE_NAME this agent's local workloads carry, to flag a ztunnel configured otherwise.</summary>
    public DeltaAdsService(XdsResourceStore store, Func<string?> expectedNodeName, TimeProvider timeProvider, ILogger logger)
    {
        this.store = store;
        this.expectedNodeName = expectedNodeName;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public XdsStreamRegistry Streams { get; } = new();

    public IEnumerable<GrpcMethod> Methods =>
    [
        new DuplexGrpcMethod(DeltaAggregatedResourcesPath, RunStreamAsync),
        new DuplexGrpcMethod(StreamAggregatedResourcesPath, _ =>
            throw new GrpcStatusException(GrpcStatusCode.Unimplemented, "state-of-the-world ADS is not served; use DeltaAggregatedResources")),
    ];

    private async Task RunStreamAsync(GrpcServerCall call)
    {
        var stream = new DeltaAdsStream(call, store, expectedNodeName, timeProvider, logger);
        using var registration = Streams.Register(() => stream.Info);
        XdsLog.StreamOpened(logger, call.Peer);
        try
        {
            await stream.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            XdsLog.StreamClosed(logger, call.Peer);
        }
    }
}
