using Akka.Configuration;
using Cluster.Runtime.Persistence;
using Cluster.Runtime.Sql;

namespace Cluster.Runtime.Tests.Support;

/// <summary>A fresh, isolated controller database for one test: a temp SQLite file or a PostgreSQL schema.</summary>
public abstract class TestDatabase : IDisposable
{
    public abstract SqlProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>The PostgreSQL schema holding this test's tables ("public" is never used, so tests run in parallel).</summary>
    public abstract string Schema { get; }

    /// <summary>Runs statements; table names are given unqualified and resolved in this database or schema.</summary>
    public abstract void Execute(string sql);

    /// <summary>Reads every row of a query as an array of column values.</summary>
    public abstract IReadOnlyList<object[]> Rows(string sql);

    /// <summary>The tables of this database (or schema), by name.</summary>
    public abstract IReadOnlyList<string> TableNames();

    /// <summary>The lease's config block pointing at this database.</summary>
    public abstract Config LeaseBlock();

    /// <summary>Akka.Persistence.Sql pointing at this database.</summary>
    public abstract SqlPersistence Persistence();

    public void Dispose()
    {
        Drop();
        GC.SuppressFinalize(this);
    }

    protected abstract void Drop();
}

