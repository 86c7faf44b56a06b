import COCO
