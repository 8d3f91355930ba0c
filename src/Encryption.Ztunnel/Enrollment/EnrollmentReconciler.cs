using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// Brings the pods' in-pod redirection to the plan and returns the workloads that may be handed to
/// ztunnel: rules are installed before a pod is handed over, and a disenrolled pod's rules are removed
/// before ztunnel is told to delete it (its proxy keeps serving until then). A pod whose rules failed
/// is left out and retried on the next pass.
/// </summary>
public sealed class EnrollmentReconciler
{
    private readonly IInPodRedirection redirection;
    private readonly ILogger logger;
    private readonly Dictionary<string, LocalWorkload> installed = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, string> failures = ImmutableDictionary<string, string>.Empty;

    public EnrollmentReconciler(IInPodRedirection redirection, ILogger logger)
    {
        this.redirection = redirection;
        this.logger = logger;
    }

    /// <summary>Per pod uid, why its rules could not be installed or removed on the last pass.</summary>
    public ImmutableDictionary<string, string> Failures => Volatile.Read(ref failures);

    public async Task<IReadOnlyList<LocalWorkload>> ApplyAsync(EnrollmentPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var wanted = plan.Local.ToDictionary(w => w.Uid, StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (uid, workload) in installed.ToList())
        {
            if (wanted.TryGetValue(uid, out var next) && next.NetworkNamespacePath == workload.NetworkNamespacePath)
                continue;
            try
            {
                await redirection.RemoveAsync(workload.NetworkNamespacePath, cancellationToken).ConfigureAwait(false);
                EnrollmentLog.RulesRemoved(logger, workload.Workload.Namespace, workload.Workload.Name);
            }
            catch (Exception e) when (e is CommandFailedException or IOException or InvalidOperationException)
            {
                // ztunnel still gets its Del: a pod whose rules linger is better than a proxy that lingers.
                errors[uid] = "remove rules: " + e.Message;
                EnrollmentLog.RulesFailed(logger, workload.Workload.Namespace, workload.Workload.Name, e.Message);
            }

            installed.Remove(uid);
        }

        foreach (var workload in plan.Local)
        {
            if (installed.ContainsKey(workload.Uid))
            {
                installed[workload.Uid] = workload;
                continue;
            }

            try
            {
                await redirection.InstallAsync(workload.NetworkNamespacePath, cancellationToken).ConfigureAwait(false);
                installed[workload.Uid] = workload;
                EnrollmentLog.RulesInstalled(logger, workload.Workload.Namespace, workload.Workload.Name);
            }
            catch (Exception e) when (e is CommandFailedException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                errors[workload.Uid] = "install rules: " + e.Message;
                EnrollmentLog.RulesFailed(logger, workload.Workload.Namespace, workload.Workload.Name, e.Message);
            }
        }

        Volatile.Write(ref failures, errors.ToImmutableDictionary(StringComparer.Ordinal));
        return [.. installed.Values.OrderBy(w => w.Uid, StringComparer.Ordinal)];
    }

    /// <summary>Removes every rule set this reconciler installed (agent shutdown with ztunnel disabled).</summary>
    public async Task RemoveAllAsync(CancellationToken cancellationToken) =>
        await ApplyAsync(EnrollmentPlan.Empty, cancellationToken).ConfigureAwait(false);
}
