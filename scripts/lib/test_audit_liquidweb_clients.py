#!/usr/bin/env python3
"""Self-test of scripts/audit-liquidweb-clients.py on small Go sources written here
(no mirrors needed): python3 scripts/lib/test_audit_liquidweb_clients.py"""
import importlib.util
import unittest
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "audit", Path(__file__).resolve().parent.parent / "audit-liquidweb-clients.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

TYPES = '''package api

type ListMeta struct {
	PageNum int `json:"page_num,omitempty"`
}

type Thing struct {
	ListMeta
	Size   int    `json:"size,omitempty"`
	Broken string `json:"label mapstructure:"label"`
	Items  []Item
}

type Item struct {
	Colour string `json:"color" mapstructure:"colour"`
}
'''

CALLS = '''package api

// Update sends the caller's struct.
func (c *Client) Update(params Thing) (*Thing, error) {
	var result Thing
	// err := c.Backend.CallIntoInterface("v1/Commented/out", params, &result)
	err := c.Backend.CallIntoInterface("v1/Storm/Thing/update", params, &result)
	return &result, err
}

func (c *Client) Create(id string) {
	args := map[string]interface{}{
		"uniq_id": id,
		"nested":  map[string]interface{}{"inner": 1},
	}
	args["extra"] = 2
	result, _ := c.Call("bleed/storm/thing/create", args)
	fmt.Println(result.(map[string]interface{})["created"])
}

func (c *Client) Delete(name string) {
	result := struct {
		Gone string `json:"name"`
	}{}
	c.Backend.CallIntoInterface("bleed/storm/thing/delete", Thing{Size: 1}, &result)
}

var listCmd = &cobra.Command{
	Run: func(cmd *cobra.Command, args []string) {
		methodArgs := instance.AllPaginatedResultsArgs{
			Method:     "bleed/storm/thing/list",
			MethodArgs: map[string]interface{}{"category": "x"},
		}
		results, err := lwCliInst.AllPaginatedResults(&methodArgs)
		for _, item := range results.Items {
			var details api.Item
			instance.CastFieldTypes(item, &details)
		}
	},
}
'''


def calls(prefer="json"):
    files = {"api/types.go": TYPES, "api/calls.go": CALLS}
    structs = audit.parse_structs(files, prefer)
    return {c["path"]: c for c in audit.find_calls("go", files, structs)}, structs


class Audit(unittest.TestCase):
    def test_struct_tags_embeds_and_untagged_fields(self):
        _, structs = calls()
        self.assertEqual(set(audit.names(structs, "Thing")), {"page_num", "size", "label", "items"})
        self.assertEqual(audit.item_struct(structs, "Thing"), "Item")

    def test_mapstructure_wins_over_json_when_preferred(self):
        _, structs = calls("mapstructure")
        self.assertEqual(set(audit.names(structs, "Item")), {"colour"})
        self.assertEqual(set(audit.names(calls()[1], "Item")), {"color"})

    def test_a_callers_struct_counts_whole_and_comments_are_skipped(self):
        found, _ = calls()
        self.assertNotIn("v1/Commented/out", found)
        update = found["v1/Storm/Thing/update"]
        self.assertEqual((update["sent"], update["req"], update["resp"]), (set(), "Thing", "Thing"))
        self.assertEqual(update["whole"], {"page_num", "size", "label", "items"})
        self.assertEqual(update["items"], "Item")

    def test_map_literal_assignments_and_untyped_answer(self):
        create = calls()[0]["bleed/storm/thing/create"]
        self.assertEqual(create["sent"], {"uniq_id", "nested", "extra"})
        self.assertEqual(create["read"], {"created"})
        self.assertEqual(create["unlinked"], [])

    def test_struct_literal_and_anonymous_answer(self):
        found, structs = calls()
        delete = found["bleed/storm/thing/delete"]
        self.assertEqual(delete["sent"], {"size"})
        self.assertEqual(set(audit.names(structs, delete["resp"])), {"name"})

    def test_paged_list_items_decoded_in_a_loop(self):
        listed = calls()[0]["bleed/storm/thing/list"]
        self.assertEqual(listed["sent"], {"category", "page_num", "page_size"})
        self.assertEqual((listed["resp"], listed["items"]), ("PaginatedList", "Item"))

    def test_bleed_paths_map_to_v1_case_insensitively(self):
        self.assertEqual(audit.v1_key("bleed/network/loadbalancer/addnode"),
                         ("network/loadbalancer", "addnode"))

    def test_a_missing_mirror_exits_2(self):
        with self.assertRaises(SystemExit) as exit_:
            audit.read_mirror("/nonexistent/mirror", "0" * 40)
        self.assertEqual(exit_.exception.code, 2)


if __name__ == "__main__":
    unittest.main()
