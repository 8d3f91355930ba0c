using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Grpc;

/// <summary>
/// The Kestrel request delegate: checks that a request is gRPC, finds its method, lifts the body limits
/// that would cut long-lived streams, runs the method and ends the stream with its status, in trailers
/// or, when nothing was sent yet, as a Trailers-Only response.
/// </summary>
public sealed class GrpcDispatcher
{
    private readonly FrozenDictionary<string, GrpcMethod> methods;
    private readonly int maxReceiveMessageSize;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly CancellationToken serverStopping;

    public GrpcDispatcher(IEnumerable<GrpcMethod> methods, int maxReceiveMessageSize, TimeProvider timeProvider, ILogger logger, CancellationToken serverStopping)
    {
        this.methods = methods.ToFrozenDictionary(m => m.Path, StringComparer.Ordinal);
        this.maxReceiveMessageSize = maxReceiveMessageSize;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.serverStopping = serverStopping;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var contentType = context.Request.ContentType;
        if (contentType is null || !contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-accept-encoding"] = "identity";
        if (!methods.TryGetValue(context.Request.Path.Value ?? "", out var method))
        {
            WriteTrailersOnly(context, GrpcStatusCode.Unimplemented, $"unknown method {context.Request.Path.Value}");
            return;
        }

        LiftStreamingLimits(context);
        using var deadline = StartDeadline(context.Request.Headers["grpc-timeout"]);
        using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, deadline.Token, serverStopping);
        using var call = new GrpcServerCall(context, maxReceiveMessageSize, callCancellation.Token);
        var (code, message) = await RunAsync(method, call, context, deadline.Token).ConfigureAwait(false);
        if (context.RequestAborted.IsCancellationRequested)
            return;
        if (context.Response.HasStarted)
            WriteTrailers(context, code, message);
        else
            WriteTrailersOnly(context, code, message);
    }

    private async Task<(GrpcStatusCode Code, string? Message)> RunAsync(GrpcMethod method, GrpcServerCall call, HttpContext context, CancellationToken deadline)
    {
        try
        {
            await method.HandleAsync(call).ConfigureAwait(false);
            return (GrpcStatusCode.Ok, null);
        }
        catch (GrpcStatusException e)
        {
            return (e.Code, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return (GrpcStatusCode.Cancelled, "cancelled by the client");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (GrpcStatusCode.DeadlineExceeded, "deadline exceeded");
        }
        catch (OperationCanceledException) when (serverStopping.IsCancellationRequested)
        {
            // ztunnel reconnects at once after a stream that ended with OK.
            return (GrpcStatusCode.Ok, null);
        }
#pragma warning disable CA1031 // every other failure becomes INTERNAL for the client, logged here
        catch (Exception e)
#pragma warning restore CA1031
        {
            GrpcLog.MethodFailed(logger, method.Path, e);
            return (GrpcStatusCode.Internal, "internal error");
        }
    }

    private CancellationTokenSource StartDeadline(string? header)
    {
        if (GrpcTimeout.TryParse(header, out var timeout))
            return new CancellationTokenSource(timeout, timeProvider);
        return new CancellationTokenSource();
    }

    private static void LiftStreamingLimits(HttpContext context)
    {
        // A long-lived xDS stream must not run into the 30 MB body limit or the minimum data rates.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
            maxBody.MaxRequestBodySize = null;
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRequestRate)
            minRequestRate.MinDataRate = null;
        if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } minResponseRate)
            minResponseRate.MinDataRate = null;
    }

    private static void WriteTrailers(HttpContext context, GrpcStatusCode code, string? message)
    {
        if (!context.Response.SupportsTrailers())
            return;
        context.Response.AppendTrailer("grpc-status", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(message))
            context.Response.AppendTrailer("grpc-message", GrpcPercentEncoding.Encode(message));
    }

    /// <summary>One HEADERS frame with END_STREAM: :status 200, content-type, grpc-status, grpc-message.</summary>
    private static void WriteTrailersOnly(HttpContext context, GrpcStatusCode code, string? message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(message))
            context.Response.Headers["grpc-message"] = GrpcPercentEncoding.Encode(message);
    }
}
