// PostgreSQL backend (libpqxx 6.4): a pool of connections, statements prepared once per
// connection, `?` placeholders renumbered to $n. A commit that returned is durable
// (synchronous_commit=on, PostgreSQL's default, which also groups concurrent commits).
#include <pqxx/pqxx>

#include <unordered_map>

#include "connection_pool.hpp"
#include "grappe/workspace/database.hpp"

namespace grappe::workspace {
namespace {

// "a = ? AND b = ?" → "a = $1 AND b = $2" (the store's SQL never has '?' inside literals).
std::string renumber_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int n = 0;
  for (char c : sql) {
    if (c == '?') out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

Value field_value(const pqxx::field& f, pqxx::oid type) {
  if (f.is_null()) return nullptr;
  switch (type) {
    case 20: case 21: case 23: return f.as<std::int64_t>();   // int8, int2, int4
    case 700: case 701: case 1700: return f.as<double>();     // float4, float8, numeric
    case 16: return static_cast<std::int64_t>(f.as<bool>());  // bool
    default: return std::string(f.c_str(), f.size());
  }
}

struct PgConnection {
  explicit PgConnection(const std::string& url) : connection(url) {}
  pqxx::connection connection;
  std::unordered_map<std::string, std::string> prepared;  // SQL → statement name
};

class PgTransaction final : public Transaction {
 public:
  PgTransaction(PgConnection& c, pqxx::transaction_base& tx) : c_(c), tx_(tx) {}

  Rows query(std::string_view sql, const Params& params) override {
    pqxx::result result = run(sql, params);
    auto names = std::make_shared<std::vector<std::string>>();
    std::vector<pqxx::oid> types;
    for (pqxx::row::size_type col = 0; col < result.columns(); ++col) {
      names->emplace_back(result.column_name(col));
      types.push_back(result.column_type(col));
    }
    Rows rows;
    rows.reserve(result.size());
    for (const auto& r : result) {
      std::vector<Value> values;
      values.reserve(types.size());
      for (pqxx::row::size_type col = 0; col < types.size(); ++col) values.push_back(field_value(r[col], types[col]));
      rows.emplace_back(names, std::move(values));
    }
    return rows;
  }
  std::int64_t execute(std::string_view sql, const Params& params) override {
    return static_cast<std::int64_t>(run(sql, params).affected_rows());
  }

 private:
  pqxx::result run(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto found = c_.prepared.find(key);
    if (found == c_.prepared.end()) {
      std::string name = "s" + std::to_string(c_.prepared.size());
      c_.connection.prepare(name, renumber_placeholders(sql));
      found = c_.prepared.emplace(key, name).first;
    }
    std::vector<std::string> storage;
    storage.reserve(params.size());
    std::vector<const char*> pointers;
    for (const Value& v : params) {
      if (std::holds_alternative<std::nullptr_t>(v)) { pointers.push_back(nullptr); continue; }
      if (auto* i = std::get_if<std::int64_t>(&v)) storage.push_back(std::to_string(*i));
      else if (auto* d = std::get_if<double>(&v)) storage.push_back(pqxx::to_string(*d));
      else storage.push_back(std::get<std::string>(v));
      pointers.push_back(storage.back().c_str());
    }
    try {
      return tx_.exec_prepared(found->second, pqxx::prepare::make_dynamic_params(pointers));
    } catch (const pqxx::integrity_constraint_violation& e) {
      throw ConstraintError(std::string("PostgreSQL: ") + e.what());
    }
  }

  PgConnection& c_;
  pqxx::transaction_base& tx_;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& url, int pool_size)
      : url_(url), pool_(pool_size, [url] { return open(url); }) {
    pool_.acquire();  // connects now, so a bad URL fails at start
  }
  Dialect dialect() const override { return Dialect::postgres; }
  void write(const std::function<void(Transaction&)>& fn) override { run<pqxx::work>(fn); }
  void read(const std::function<void(Transaction&)>& fn) override { run<pqxx::read_transaction>(fn); }
  void execute_outside_transaction(std::string_view sql) override {
    auto lease = pool_.acquire();
    pqxx::nontransaction tx(lease->connection);
    tx.exec(std::string(sql));
  }

 private:
  static std::unique_ptr<PgConnection> open(const std::string& url) {
    try {
      return std::make_unique<PgConnection>(url);
    } catch (const std::exception& e) {
      throw Error("cannot connect to PostgreSQL: " + std::string(e.what()));
    }
  }

  template <class Tx>
  void run(const std::function<void(Transaction&)>& fn) {
    auto lease = pool_.acquire();
    try {
      Tx tx(lease->connection);
      PgTransaction wrapper(*lease, tx);
      fn(wrapper);
      tx.commit();
    } catch (const pqxx::broken_connection&) {
      lease.mark_broken();
      throw Error("the connection to PostgreSQL was lost");
    } catch (const pqxx::sql_error& e) {
      throw Error(std::string("PostgreSQL: ") + e.what());
    }
  }

  std::string url_;
  detail::ConnectionPool<PgConnection> pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size) {
  return std::make_unique<PgDatabase>(url, pool_size);
}

}  // namespace grappe::workspace
