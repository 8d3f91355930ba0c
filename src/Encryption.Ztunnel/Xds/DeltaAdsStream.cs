using System.Threading.Channels;
using Encryption.Ztunnel.Grpc;
using Microsoft.Extensions.Logging;
using Envoy = Encryption.Ztunnel.Protos.Xds;

namespace Encryption.Ztunnel.Xds;

/// <summary>
/// One ztunnel delta ADS stream. Requests are read on their own task; the loop answers each new
/// subscription at once (always, even when empty: ztunnel is not ready until both types are ACKed),
/// matches ACK/NACK by nonce, and pushes one coalesced response per type whenever the store changes.
/// </summary>
internal sealed class DeltaAdsStream
{
    private readonly GrpcServerCall call;
    private readonly XdsResourceStore store;
    private readonly Func<string?> expectedNodeName;
    private readonly ILogger logger;
    private readonly Dictionary<string, DeltaSubscription> subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> pendingNonces = new(StringComparer.Ordinal);
    private readonly HashSet<string> ackedTypes = new(StringComparer.Ordinal);
    private readonly Lock infoGate = new();
    private XdsStreamInfo info;

    public DeltaAdsStream(GrpcServerCall call, XdsResourceStore store, Func<string?> expectedNodeName, TimeProvider timeProvider, ILogger logger)
    {
        this.call = call;
        this.store = store;
        this.expectedNodeName = expectedNodeName;
        this.logger = logger;
        info = new XdsStreamInfo { Peer = call.Peer, ConnectedAt = timeProvider.GetUtcNow() };
        TimeProvider = timeProvider;
    }

    private TimeProvider TimeProvider { get; }

    public XdsStreamInfo Info
    {
        get
        {
            lock (infoGate)
                return info;
        }
    }

    public async Task RunAsync()
    {
        var requests = Channel.CreateUnbounded<Envoy.DeltaDiscoveryRequest>();
        var pump = PumpAsync(requests.Writer);
        var snapshot = store.Current;
        Task<bool>? waitForRequest = null;
        while (true)
        {
            waitForRequest ??= requests.Reader.WaitToReadAsync(call.CancellationToken).AsTask();
            await Task.WhenAny(waitForRequest, snapshot.Changed).WaitAsync(call.CancellationToken).ConfigureAwait(false);
            if (waitForRequest.IsCompleted)
            {
                if (!await waitForRequest.ConfigureAwait(false))
                {
                    await pump.ConfigureAwait(false);
                    return;
                }

                waitForRequest = null;
                while (requests.Reader.TryRead(out var request))
                    await HandleAsync(request).ConfigureAwait(false);
            }

            var latest = store.Current;
            if (latest.Version != snapshot.Version)
            {
                snapshot = latest;
                await PushAsync(snapshot).ConfigureAwait(false);
            }
        }
    }

    private async Task PumpAsync(ChannelWriter<Envoy.DeltaDiscoveryRequest> writer)
    {
        try
        {
            while (await call.ReadAsync(Envoy.DeltaDiscoveryRequest.Parser).ConfigureAwait(false) is { } request)
                await writer.WriteAsync(request, call.CancellationToken).ConfigureAwait(false);
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private async Task HandleAsync(Envoy.DeltaDiscoveryRequest request)
    {
        if (request.Node is not null)
            RecordNode(request.Node);
        if (!string.IsNullOrEmpty(request.ResponseNonce))
        {
            HandleAckOrNack(request);
            return;
        }

        if (!XdsTypeUrls.IsKnown(request.TypeUrl))
        {
            XdsLog.UnknownType(logger, request.TypeUrl);
            return;
        }

        if (subscriptions.TryGetValue(request.TypeUrl, out var subscription))
        {
            subscription.Update(request);
            var diff = subscription.Diff(store.Current.Of(request.TypeUrl));
            if (!diff.IsEmpty)
                await SendAsync(request.TypeUrl, diff).ConfigureAwait(false);
            return;
        }

        subscription = DeltaSubscription.Start(request);
        subscriptions[request.TypeUrl] = subscription;
        Update(i => i with { Subscriptions = [.. subscriptions.Keys] });
        await SendAsync(request.TypeUrl, subscription.Diff(store.Current.Of(request.TypeUrl))).ConfigureAwait(false);
    }

    private void HandleAckOrNack(Envoy.DeltaDiscoveryRequest request)
    {
        var nonce = request.ResponseNonce;
        if (!pendingNonces.Remove(nonce, out var typeUrl))
        {
            XdsLog.UnknownNonce(logger, request.TypeUrl, nonce);
            return;
        }

        if (request.ErrorDetail is { } error)
        {
            // Not resent: the same resources would be rejected again. ztunnel keeps the valid ones.
            XdsLog.Nack(logger, typeUrl, nonce, error.Message);
            Update(i => i with { Nacks = i.Nacks + 1, LastNack = $"{typeUrl}: {error.Message}" });
            return;
        }

        ackedTypes.Add(typeUrl);
        var ready = ackedTypes.Contains(XdsTypeUrls.Address) && ackedTypes.Contains(XdsTypeUrls.Authorization);
        Update(i => i with { Acks = i.Acks + 1, LastAckAt = TimeProvider.GetUtcNow(), Ready = ready });
    }

    private async Task PushAsync(XdsSnapshot snapshot)
    {
        foreach (var (typeUrl, subscription) in subscriptions)
        {
            var diff = subscription.Diff(snapshot.Of(typeUrl));
            if (!diff.IsEmpty)
                await SendAsync(typeUrl, diff).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(string typeUrl, DeltaDiff diff)
    {
        var nonce = Guid.NewGuid().ToString();
        var response = new Envoy.DeltaDiscoveryResponse { TypeUrl = typeUrl, Nonce = nonce };
        foreach (var resource in diff.Upserts)
            response.Resources.Add(new Envoy.Resource { Name = resource.Name, Version = resource.Version, Resource_ = resource.Body });
        response.RemovedResources.AddRange(diff.Removed);
        pendingNonces[nonce] = typeUrl;
        await call.WriteAsync(response).ConfigureAwait(false);
        Update(i => i with { ResponsesSent = i.ResponsesSent + 1 });
        XdsLog.Sent(logger, typeUrl, nonce, diff.Upserts.Count, diff.Removed.Count);
    }

    private void RecordNode(Envoy.Node node)
    {
        string? nodeName = null;
        if (node.Metadata?.Fields.TryGetValue("NODE_NAME", out var value) == true)
            nodeName = value.StringValue;
        Update(i => i with { NodeId = node.Id, NodeName = nodeName });
        var expected = expectedNodeName();
        if (nodeName is not null && expected is not null && nodeName != expected)
            XdsLog.NodeNameMismatch(logger, nodeName, expected);
    }

    private void Update(Func<XdsStreamInfo, XdsStreamInfo> change)
    {
        lock (infoGate)
            info = change(info);
    }
}
