// Reading a method's positional parameters with aria2's checks and messages
// ("The parameter at 1 has wrong type."): each getter answers the value, or
// records the first error for the method to return.
#pragma once

#include "rpc/RpcResult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace ferry {

class RpcParams
{
public:
    explicit RpcParams(const QJsonArray &params) : m_params(params) {}

    // Required ones fail when missing; optional ones are nullopt when missing.
    std::optional<QString> string(int index, bool required = true);
    std::optional<qint64> integer(int index, bool required = true); // a JSON number without fraction
    std::optional<QJsonArray> array(int index, bool required = true);
    std::optional<QJsonObject> object(int index, bool required = true);
    std::optional<QStringList> strings(int index, bool required = true); // an array of strings only

    bool failed() const { return m_error.has_value(); }
    RpcResult error() const { return RpcResult::failure(m_error.value_or(QString())); }

private:
    bool present(int index, bool required);
    void wrongType(int index);

    QJsonArray m_params;
    std::optional<QString> m_error;
};

} // namespace ferry
