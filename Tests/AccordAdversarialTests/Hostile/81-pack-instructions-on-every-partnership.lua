-- hostile: a pack whose rule runs a million instructions on every partnership, under 20M for the command
-- exit: 1
-- stderr: instruction limit (20000000) exceeded
-- command: classify --threads 2
-- pack: hostile
-- flags: --timeout 30s --max-instructions 20M
local R = accord.rules
return R.pack {
  name = "hostile", version = "1.0.0", labels = { x = "X" },
  rules = {
    R.rule { id = "count", label = "x", when = function()
      local n = 0
      for i = 1, 250000 do n = n + i end
      return false
    end },
  },
}
