-- hostile: a pack whose rule spins half a second on every partnership, under a 3 s limit for the command
-- exit: 1
-- stderr: time limit (3 s) exceeded
-- command: classify --threads 2
-- pack: hostile
-- flags: --timeout 3s --max-instructions none
local R = accord.rules
return R.pack {
  name = "hostile", version = "1.0.0", labels = { x = "X" },
  rules = {
    R.rule { id = "spin", label = "x", when = function()
      local t = os.clock() + 0.5
      while os.clock() < t do end
      return false
    end },
  },
}
