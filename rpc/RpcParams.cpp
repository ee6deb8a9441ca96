// See RpcParams.h.
#include "rpc/RpcParams.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ferry {

bool RpcParams::present(int index, bool required)
{
    if (m_error)
        return false;
    if (index < m_params.size())
        return true;
    if (required)
        m_error = u"The parameter at %1 is required but missing."_s.arg(index);
    return false;
}

void RpcParams::wrongType(int index)
{
    if (!m_error)
        m_error = u"The parameter at %1 has wrong type."_s.arg(index);
}

std::optional<QString> RpcParams::string(int index, bool required)
{
    if (!present(index, required))
        return std::nullopt;
    const QJsonValue v = m_params.at(index);
    if (!v.isString()) {
        wrongType(index);
        return std::nullopt;
    }
    return v.toString();
}

std::optional<qint64> RpcParams::integer(int index, bool required)
{
    if (!present(index, required))
        return std::nullopt;
    const QJsonValue v = m_params.at(index);
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || std::trunc(d) != d || std::abs(d) > 9.0e15) {
        wrongType(index);
        return std::nullopt;
    }
    return qint64(d);
}

std::optional<QJsonArray> RpcParams::array(int index, bool required)
{
    if (!present(index, required))
        return std::nullopt;
    const QJsonValue v = m_params.at(index);
    if (!v.isArray()) {
        wrongType(index);
        return std::nullopt;
    }
    return v.toArray();
}

std::optional<QJsonObject> RpcParams::object(int index, bool required)
{
    if (!present(index, required))
        return std::nullopt;
    const QJsonValue v = m_params.at(index);
    if (!v.isObject()) {
        wrongType(index);
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QStringList> RpcParams::strings(int index, bool required)
{
    const auto list = array(index, required);
    if (!list)
        return std::nullopt;
    QStringList out;
    out.reserve(list->size());
    for (const QJsonValue &v : *list) {
        if (!v.isString()) {
            wrongType(index);
            return std::nullopt;
        }
        out.append(v.toString());
    }
    return out;
}

} // namespace ferry
