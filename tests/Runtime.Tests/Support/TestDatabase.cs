using Cluster.Runtime.Sql;

namespace Cluster.Runtime.Tests.Support;

/// <summary>A fresh, isolated controller database for one test: a temp SQLite file or a PostgreSQL schema.</summary>
public abstract class TestDatabase : IDisposable
{
    public abstract SqlProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>The PostgreSQL schema holding this test's tables ("public" is never used, so tests run in parallel).</summary>
    public abstract string Schema { get; }

    /// <summary>Runs one statement; table names are given unqualified and resolved in this database or schema.</summary>
    public abstract void Execute(string sql);

    public void Dispose()
    {
        Drop();
        GC.SuppressFinalize(this);
    }

    protected abstract void Drop();
}
