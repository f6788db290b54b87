namespace Cluster.Shell;

/// <summary>The shell's exit codes; scripts branch on them, so they never change meaning.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server answered but refused or failed (4xx or 5xx); its problem details were printed.</summary>
    public const int Refused = 1;

    /// <summary>The command line was wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The controller could not be reached at host:port.</summary>
    public const int CannotConnect = 3;
}
