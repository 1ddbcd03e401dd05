-- Dedup by Message-ID: only copies of the same mail (another list's copy,
-- a mail archived twice) are repeats. Messages without one never are.
return function(options)
  return function(entry, message)
    return entry.message_id
  end
end
