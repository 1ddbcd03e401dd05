-- Dedup by b4's change-id: every version of a series sent with b4 carries
-- the same `change-id:` line, so a later version repeats an earlier one.
-- Entries without one are never repeats.
return function(options)
  return function(entry, message)
    local patch = message.patch
    return patch and patch.change_id
  end
end
