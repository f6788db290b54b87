namespace Cluster.Messages;

// Events of the HA coordinator, journaled so that a new controller resumes restarts where the old one
// stopped. Attempt counts from 1.

/// <summary>An event of the HA coordinator.</summary>
public interface IHaEvent : IWireMessage;

/// <summary>Why HA chose not to restart a VM of a failed host.</summary>
public enum HaSkipReason
{
    /// <summary>The VM's storage write-lease is still being renewed: it runs somewhere (isolated host).</summary>
    LeaseStillHeld,
    HaDisabled,
    VmDeleted,
    AlreadyRunning,
}

public sealed record HaRestartPlanned(VmId VmId, HostId FailedHost, HostId TargetHost, int Attempt) : IHaEvent;

public sealed record HaRestartSkipped(VmId VmId, HostId FailedHost, HaSkipReason Reason) : IHaEvent;

/// <summary>The VM still runs on a host the VRM cannot reach (management network isolated).</summary>
public sealed record VmRunningOnIsolatedHost(VmId VmId, HostId Host) : IHaEvent;

public sealed record HaRestartFailed(VmId VmId, int Attempt, string Reason) : IHaEvent;

public sealed record RestartRetryScheduled(VmId VmId, int NextAttempt, TimeSpan Delay) : IHaEvent;

/// <summary>All attempts failed; HA stops trying and an alarm asks for an operator.</summary>
public sealed record HaRestartAbandoned(VmId VmId, int Attempts, string Reason) : IHaEvent;
